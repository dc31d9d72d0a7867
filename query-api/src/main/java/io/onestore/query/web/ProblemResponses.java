package io.onestore.query.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * Writes into the OpenAPI description every status an operation can answer with, as the code answers them: 201 for a
 * create, 204 for a delete, and the problem responses ({@code application/problem+json}, schema {@code Problem} with
 * the {@link ProblemType} URIs as an enum). Kept next to the advice that produces the problems, so they change
 * together; a test compares the description with the statuses the endpoints really answer.
 */
@Component
class ProblemResponses implements OpenApiCustomizer {

    static final String PROBLEM = "Problem";
    private static final String PROBLEM_JSON = "application/problem+json";

    @Override
    public void customise(OpenAPI openApi) {
        openApi.getComponents().addSchemas(PROBLEM, problemSchema());
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> {
            if (!path.startsWith("/api/")) {
                return;
            }
            item.readOperationsMap().forEach((method, operation) -> describe(path, method, operation));
        });
    }

    private static void describe(String path, PathItem.HttpMethod method, Operation operation) {
        ApiResponses responses = operation.getResponses();
        if (method == PathItem.HttpMethod.POST && responses.containsKey("200")) {
            ApiResponse ok = responses.remove("200");
            responses.addApiResponse("201", ok.description("Created; Location names the new resource"));
        }
        if (method == PathItem.HttpMethod.DELETE) {
            responses.remove("200");
            responses.addApiResponse("204", new ApiResponse().description("Deleted; no body"));
        }
        Map<ProblemType, String> problems = new LinkedHashMap<>();
        problems.put(
                ProblemType.INVALID_PARAMETER,
                "A parameter, header or body field is invalid; the detail names it (types: invalid-parameter,"
                        + " missing-parameter, invalid-time-window, unknown-interval, too-many-buckets,"
                        + " too-many-hashtags, invalid-hashtag, limit-out-of-range, invalid-body, malformed-request)");
        problems.put(ProblemType.UNAUTHORIZED, "No X-API-Key, or one that is not configured");
        problems.put(ProblemType.FORBIDDEN, "The key lacks the scope: read for GET, write otherwise");
        if (path.startsWith("/api/v1/targets/{id}")) {
            problems.put(ProblemType.TARGET_NOT_FOUND, "No target has this id");
        } else if (path.contains("{id}")) {
            problems.put(ProblemType.CAMPAIGN_NOT_FOUND, "No campaign has this id");
        } else if (path.contains("{")) {
            // an empty or path-like segment ("", "?", "..") makes the path another route, one that does not exist
            problems.put(ProblemType.NOT_FOUND, "The path is not a route of this API (e.g. an empty path segment)");
        }
        if (method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.DELETE) {
            problems.put(ProblemType.CONFLICT, "The campaign's targets were changed concurrently; retry");
        }
        problems.put(ProblemType.NOT_ACCEPTABLE, "Accept names nothing this operation answers with");
        problems.put(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Content-Type is not application/json (or not a media type)");
        problems.put(ProblemType.INTERNAL, "A fault of this service; nothing to retry");
        problems.put(
                ProblemType.STORE_UNAVAILABLE,
                "Elasticsearch is unreachable or not initialised yet (types: store-unavailable,"
                        + " contract-not-installed); Retry-After says when to retry");
        problems.forEach((type, description) ->
                responses.addApiResponse(Integer.toString(type.status().value()), problem(type, description)));
    }

    private static ApiResponse problem(ProblemType type, String description) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", type.uri().toString());
        example.put("title", type.title());
        example.put("status", type.status().value());
        example.put("detail", type.title() + ".");
        example.put("instance", "/api/v1/…");
        return new ApiResponse()
                .description(description)
                .content(new Content()
                        .addMediaType(
                                PROBLEM_JSON,
                                new MediaType()
                                        .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))
                                        .example(example)));
    }

    private static Schema<?> problemSchema() {
        List<String> types = new ArrayList<>();
        Arrays.stream(ProblemType.values()).forEach(t -> types.add(t.uri().toString()));
        StringSchema type = new StringSchema();
        type.format("uri").description("stable; clients switch on it").setEnum(types);
        return new ObjectSchema()
                .description("An RFC 9457 problem; never carries Elasticsearch messages or stack traces")
                .addProperty("type", type)
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema().format("int32"))
                .addProperty("detail", new StringSchema().description("written for the caller; names the parameter"))
                .addProperty("instance", new StringSchema().format("uri-reference"))
                .required(List.of("type", "title", "status"));
    }
}
