package io.onestore.testsupport.elasticsearch;

import java.util.Locale;

/** Harness settings: a system property {@code onestore.es.x-y} wins over the environment {@code ONESTORE_ES_X_Y}. */
final class Settings {

    private Settings() {}

    static String get(String property, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(
                    property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        }
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
