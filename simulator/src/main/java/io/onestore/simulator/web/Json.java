package io.onestore.simulator.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ordered JSON objects for the upstream shapes: insertion order is the serialised order, which is what makes two
 * identical worlds give byte-identical responses.
 */
public final class Json {

    private Json() {}

    /** {@code Json.object("a", 1, "b", 2)}; a null value is kept (upstreams send explicit nulls). */
    public static Map<String, Object> object(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must pair up");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
