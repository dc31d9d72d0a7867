package io.onestore.query.request;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Instants in request bodies: only an ISO-8601 string with a zone, inside {@link Instants}' range. Jackson's own
 * reader takes numbers and digit strings as epoch seconds, so {@code "start": "2026"} became 1970-01-01T00:33:46Z.
 */
public class StrictInstantDeserializer extends StdScalarDeserializer<Instant> {

    public StrictInstantDeserializer() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
        }
        String text = p.getText();
        try {
            Instant instant = Instant.parse(text.strip());
            if (!instant.isBefore(Instants.EARLIEST) && instant.isBefore(Instants.LATEST)) {
                return instant;
            }
        } catch (DateTimeParseException e) {
            // answered below, as one message for both faults
        }
        throw InvalidFormatException.from(p, "not an instant in the accepted range", text, Instant.class);
    }
}
