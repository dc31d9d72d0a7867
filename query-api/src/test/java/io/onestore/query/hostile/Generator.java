package io.onestore.query.hostile;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded hostile requests: valid ones, and ones with one or more parts broken (values, encodings, headers, keys,
 * bodies, paths). Everything comes from the {@link Random} given, so a seed replays a run exactly.
 */
final class Generator {

    /** A request as bytes to send, and a short description for failure messages. */
    record Request(String head, byte[] body, String summary) {}

    private static final String[] VALUES = {
        "",
        " ",
        "%",
        "100%",
        "%zz",
        "%00",
        "%2F",
        "%E0%A4%A",
        "%C0%AF",
        "%2B999999999-12-31T23:59:59Z",
        "-999999999-01-01T00:00:00Z",
        "%2B10000-01-01T00:00:00Z",
        "0001-01-01T00:00:00Z",
        "1969-12-31T23:59:59Z",
        "2099-12-31T23:59:59Z",
        "2100-01-01T00:00:00Z",
        "2026",
        "2026-13-45T25:61:61Z",
        "2026-11-01",
        "1767225600",
        "-1",
        "0",
        "1",
        "7",
        "99999999999",
        "2147483648",
        "1e309",
        "NaN",
        "Infinity",
        "0.4",
        "20.5",
        "3",
        "1h",
        "0h",
        "1m",
        "59s",
        "99999d",
        "366d",
        "367d",
        "1w",
        "15m",
        "1d",
        "7d",
        "posts",
        "engagement",
        "authors",
        "relevance",
        "recent",
        "likes",
        "oldest",
        "instagram",
        "x",
        "tiktok",
        "myspace",
        "INSTAGRAM",
        "nike",
        "%23nike",
        "@nike",
        "#",
        "@",
        "nike,,adidas",
        "a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q,r,s,t,u,v",
        "%27%20OR%201%3D1%20--",
        "%3Cscript%3E",
        "%24%7Bjndi%3Aldap%7D",
        "*",
        "?",
        "%5C",
        "%5B",
        "%7B%22a%22%3A1%7D",
        "%C3%B1",
        "%F0%9F%99%82",
        "caf%C3%A9",
        "a+b",
        "AND",
        "NOT nike",
        "title:x",
        "\\\"x\\\""
    };
    private static final String[] ACCEPT = {
        null,
        null,
        null,
        "application/json",
        "*/*",
        "text/csv",
        "garbage",
        "application/xml",
        "text/html;q=0.1",
        "application/problem+json",
        ";;;",
        "*/json"
    };
    private static final String[] CONTENT_TYPE = {
        "application/json",
        "application/json",
        "application/json; charset=UTF-8",
        "*/*",
        "text/plain",
        "garbage",
        "application/x-www-form-urlencoded",
        "multipart/form-data",
        "application/json; charset=nonsense",
        null
    };
    private static final String[] IDS = {"", "%2F", "..", "%00", "x", "00000000-0000-0000-0000-000000000000"};

    private final Random random;
    private final String existingId;

    Generator(Random random, String existingId) {
        this.random = random;
        this.existingId = existingId;
    }

    Request next(Operation operation) {
        boolean target = operation.path().startsWith("/api/v1/targets/");
        String path = operation
                .path()
                // never deletes the shared campaign: the run compares targets before and after
                .replace(
                        "{id}",
                        !operation.method().equals("DELETE") && pick(0.7)
                                ? (target ? targetId() : existingId)
                                : idLike())
                .replace("{tag}", pick(0.6) ? "nike" : value());
        StringBuilder query = new StringBuilder();
        for (String name : operation.parameters()) {
            if (pick(0.5)) {
                append(query, name, pick(0.4) ? valid(name) : value());
            }
        }
        if (pick(0.1)) {
            append(query, pick(0.5) ? "unknown" : "%zz", value());
        }
        if (pick(0.02)) {
            append(query, "q", "a".repeat(9000));
        }
        String uri = path + (query.isEmpty() ? "" : "?" + query);

        List<String> headers = new ArrayList<>();
        headers.add(key());
        String accept = ACCEPT[random.nextInt(ACCEPT.length)];
        if (accept != null) {
            headers.add("Accept: " + accept);
        }
        if (pick(0.05)) {
            headers.add("X-Forwarded-Host: evil.example");
        }
        if (pick(0.03)) {
            headers.add("Bad Header: v");
        }
        if (pick(0.02)) {
            headers.add("X-Big: " + "b".repeat(9000));
        }
        byte[] body = new byte[0];
        if (operation.method().equals("POST")) {
            String json = body();
            body = json.getBytes(StandardCharsets.UTF_8);
            String type = CONTENT_TYPE[random.nextInt(CONTENT_TYPE.length)];
            if (type != null) {
                headers.add("Content-Type: " + type);
            }
            headers.add("Content-Length: " + body.length);
        }
        StringBuilder head = new StringBuilder(operation.method() + " " + uri + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        headers.forEach(h -> head.append(h).append("\r\n"));
        head.append("Connection: close\r\n\r\n");
        String summary = operation.method() + " " + (uri.length() > 160 ? uri.substring(0, 160) + "…" : uri)
                + " " + headers.stream().filter(h -> !h.startsWith("X-API-Key")).toList()
                + (body.length > 0 ? " " + new String(body, StandardCharsets.UTF_8) : "");
        return new Request(head.toString(), body, summary.length() > 400 ? summary.substring(0, 400) : summary);
    }

    private String key() {
        int choice = random.nextInt(10);
        return switch (choice) {
            case 0 -> "X-API-Key: " + GeneratedInputTest.READER;
            case 1 -> "X-API-Key: wrong-key";
            case 2 -> "X-API-Key: " + GeneratedInputTest.ADMIN + "\0";
            case 3 -> "X-API-Key: " + GeneratedInputTest.ADMIN + " ";
            case 4 -> "X-Api-Key:";
            default -> "X-API-Key: " + GeneratedInputTest.ADMIN;
        };
    }

    private String body() {
        String start = pick(0.6) ? "\"" + Instant.now().minus(Duration.ofDays(2)) + "\"" : jsonValue();
        List<String> fields = new ArrayList<>();
        fields.add("\"name\":" + (pick(0.8) ? "\"gen\"" : jsonValue()));
        fields.add("\"hashtags\":" + (pick(0.6) ? "[\"gen" + random.nextInt(3) + "\"]" : jsonValue()));
        if (pick(0.3)) {
            fields.add("\"handles\":" + jsonValue());
        }
        if (pick(0.3)) {
            fields.add("\"platforms\":" + (pick(0.5) ? "[\"instagram\"]" : jsonValue()));
        }
        fields.add("\"start\":" + start);
        if (pick(0.3)) {
            fields.add("\"end\":" + jsonValue());
        }
        if (pick(0.2)) {
            fields.add("\"baselineDays\":" + jsonValue());
        }
        if (pick(0.1)) {
            fields.add("\"owner\":\"x\"");
        }
        if (pick(0.1)) {
            fields.add(fields.get(0));
        }
        String json = "{" + String.join(",", fields) + "}";
        if (pick(0.05)) {
            json = json.substring(0, random.nextInt(json.length()));
        }
        if (pick(0.03)) {
            json = "not json at all";
        }
        return json;
    }

    private String jsonValue() {
        String[] values = {
            "null",
            "1",
            "-1",
            "1e400",
            "\"\"",
            "\"2026\"",
            "\"+10000-01-01T00:00:00Z\"",
            "\"0001-01-01T00:00:00Z\"",
            "\"2026-11-01T00:00:00Z\"",
            "[]",
            "[null]",
            "[\"instagram\",null]",
            "[\"" + "z".repeat(600) + "\"]",
            "[\"ok\",\"#\"]",
            "{}",
            "{\"a\":1}",
            "true",
            "\"\\u0000\"",
            "[1,2]",
            "\"x\"",
            "400",
            "[\"myspace\"]"
        };
        return values[random.nextInt(values.length)];
    }

    private String valid(String name) {
        return switch (name) {
            case "hashtags", "hashtag" -> pick(0.5) ? "nike" : "nike,adidas";
            case "from" ->
                Instant.now().minus(Duration.ofDays(1 + random.nextInt(10))).toString();
            case "to" -> Instant.now().toString();
            case "interval" -> new String[] {"1h", "1d", "6h"}[random.nextInt(3)];
            case "limit", "size" -> Integer.toString(1 + random.nextInt(50));
            case "page" -> Integer.toString(random.nextInt(5));
            case "k" -> "2.5";
            case "metric" -> "engagement";
            case "sort" -> "likes";
            case "platform" -> "instagram";
            case "author" -> "author1";
            case "q" -> "running";
            case "kind" -> pick(0.5) ? "hashtag" : "profile";
            case "campaign" -> existingId;
            case "underCovered" -> pick(0.5) ? "true" : "false";
            default -> "1";
        };
    }

    /** The shared campaign's targets, in the forms a caller may write them. */
    private String targetId() {
        return new String[] {"hashtag:nike", "hashtag:%23Run", "profile:author1", "hashtag:adidas"}[random.nextInt(4)];
    }

    private String idLike() {
        return pick(0.5) ? IDS[random.nextInt(IDS.length)] : value();
    }

    private String value() {
        return VALUES[random.nextInt(VALUES.length)];
    }

    private boolean pick(double probability) {
        return random.nextDouble() < probability;
    }

    private static void append(StringBuilder query, String name, String value) {
        if (!query.isEmpty()) {
            query.append('&');
        }
        query.append(name).append('=').append(value);
    }
}
