package io.onestore.stack;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The label Kibana 8's Lens editor generates for a column when nobody typed one (as in its exports). A saved column
 * whose label differs from this must carry {@code customLabel: true}, or the editor regenerates the label on the
 * first edit.
 */
final class LensLabels {

    private static final Map<String, String> OF_FIELD = Map.of(
            "max", "Maximum of %s",
            "min", "Minimum of %s",
            "sum", "Sum of %s",
            "average", "Average of %s",
            "median", "Median of %s",
            "unique_count", "Unique count of %s",
            "last_value", "Last value of %s",
            "standard_deviation", "Standard deviation of %s");

    private LensLabels() {}

    /** The generated label of {@code column} in a layer's {@code columns}; empty when we do not know the operation. */
    static String generated(JsonNode column, JsonNode columns) {
        String operation = column.path("operationType").asText();
        String field = column.path("sourceField").asText();
        return switch (operation) {
            case "count" -> "Count of records";
            case "date_histogram" -> field;
            case "terms" -> "Top " + column.path("params").path("size").asInt() + " values of " + field;
            case "differences" ->
                "Differences of "
                        + columns.path(column.path("references").path(0).asText())
                                .path("label")
                                .asText();
            default -> OF_FIELD.containsKey(operation) ? OF_FIELD.get(operation).formatted(field) : "";
        };
    }
}
