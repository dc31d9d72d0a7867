package io.onestore.ingestor.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import io.onestore.model.json.ContractJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Recorded upstream answers under {@code src/test/resources/fixtures/<platform>/}. */
public final class Fixtures {

    private Fixtures() {}

    public static String text(String path) {
        return read("instagram/" + path);
    }

    /** An X API answer under {@code fixtures/x/}. */
    public static String x(String path) {
        return read("x/" + path);
    }

    public static JsonNode xJson(String path) {
        try {
            return ContractJson.mapper().readTree(x(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture of any platform: {@code mastodon/timeline-nike.json}. */
    public static String read(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode json(String path) {
        return parse(text(path));
    }

    public static JsonNode parse(String text) {
        try {
            return ContractJson.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
