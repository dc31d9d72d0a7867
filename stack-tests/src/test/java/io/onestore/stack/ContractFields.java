package io.onestore.stack;

import com.fasterxml.jackson.databind.JsonNode;
import io.onestore.model.index.IndexAlias;
import io.onestore.model.index.IndexNames;
import io.onestore.model.index.IndexTemplates;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The fields of each alias of the index contract, flattened ({@code author.username}) with their mapping type, read
 * from common-model's templates: what Kibana may reference. Field aliases take the type of their target.
 */
final class ContractFields {

    private ContractFields() {}

    /** The alias (with the default prefix, as the stack uses it) whose name is {@code indexPattern}, if any. */
    static Optional<IndexAlias> aliasNamed(String indexPattern) {
        IndexNames names = IndexNames.defaults();
        for (IndexAlias alias : IndexAlias.values()) {
            if (names.alias(alias).equals(indexPattern)) {
                return Optional.of(alias);
            }
        }
        return Optional.empty();
    }

    /** Field name → mapping type; unindexed objects ({@code enabled: false}) are left out: Kibana cannot use them. */
    static Map<String, String> of(IndexAlias alias) {
        JsonNode properties = IndexTemplates.mappings(alias).path("properties");
        Map<String, String> fields = new TreeMap<>();
        collect("", properties, fields);
        Map<String, String> resolved = new TreeMap<>();
        fields.forEach(
                (name, type) -> resolved.put(name, type.startsWith("alias:") ? fields.get(type.substring(6)) : type));
        return resolved;
    }

    private static void collect(String prefix, JsonNode properties, Map<String, String> fields) {
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = prefix + field.getKey();
            JsonNode mapping = field.getValue();
            if (mapping.has("properties")) {
                collect(name + ".", mapping.path("properties"), fields);
            } else if (!mapping.path("enabled").asBoolean(true)
                    || !mapping.path("index").asBoolean(true)) {
                continue;
            } else if (mapping.path("type").asText().equals("alias")) {
                fields.put(name, "alias:" + mapping.path("path").asText());
            } else {
                fields.put(name, mapping.path("type").asText());
            }
        }
    }
}
