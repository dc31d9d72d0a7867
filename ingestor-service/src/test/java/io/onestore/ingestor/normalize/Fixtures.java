package io.onestore.ingestor.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import io.onestore.model.json.ContractJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Recorded upstream answers under {@code src/test/resources/fixtures/instagram/} (and {@code x/}). */
public final class Fixtures {

    private Fixtures() {}

    public static String text(String path) {
        return read("/fixtures/instagram/" + path);
    }

    /** An X API answer under {@code fixtures/x/}. */
    public static String x(String path) {
        return read("/fixtures/x/" + path);
    }

    public static JsonNode xJson(String path) {
        try {
            return ContractJson.mapper().readTree(x(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode json(String path) {
        try {
            return ContractJson.mapper().readTree(text(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
