package io.onestore.model.json;

import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * How the contract's documents are written and read: ISO-8601 instants, and unknown fields tolerated on read so an
 * older reader survives a newer writer. Field names are snake_case through each record's own annotation, so a
 * service's camelCase API mapper can serialise other types without affecting the documents.
 */
public final class ContractJson {

    private static final ObjectMapper MAPPER = configure(new ObjectMapper());

    private ContractJson() {}

    /** A shared, fully configured mapper; do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The mapper the Elasticsearch client must use to write and read the contract's documents. */
    public static JsonpMapper jsonpMapper() {
        return new JacksonJsonpMapper(configure(new ObjectMapper()));
    }

    /** Applies the contract's settings to a mapper the caller owns (e.g. one the Elasticsearch client uses). */
    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    }
}
