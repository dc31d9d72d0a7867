package io.onestore.model.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onestore.model.json.ContractJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The composable index templates of the contract, read from the JSON resources beside this class's package
 * ({@code onestore/index/*.json}: settings and mappings) and wrapped with the prefix-specific index pattern.
 */
public final class IndexTemplates {

    /** Above Elasticsearch's built-in templates (priority 100 and less) so ours always win for our patterns. */
    static final int PRIORITY = 500;

    private static final ObjectMapper JSON = ContractJson.mapper();

    private IndexTemplates() {}

    /** The {@code template} body (settings and mappings) of an alias, as stored in the resource. */
    public static ObjectNode templateBody(IndexAlias alias) {
        String resource = alias.templateResource();
        try (InputStream in = IndexTemplates.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing index template resource " + resource);
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable index template resource " + resource, e);
        }
    }

    /** The mappings of an alias ({@code template.mappings}). */
    public static JsonNode mappings(IndexAlias alias) {
        return templateBody(alias).path("mappings");
    }

    /** The full {@code PUT _index_template/<name>} request body for this prefix. */
    public static ObjectNode indexTemplate(IndexNames names, IndexAlias alias) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("index_patterns").add(names.pattern(alias));
        body.put("priority", PRIORITY);
        body.set("template", templateBody(alias));
        body.putObject("_meta").put("managed_by", "onestore").put("alias", names.alias(alias));
        return body;
    }
}
