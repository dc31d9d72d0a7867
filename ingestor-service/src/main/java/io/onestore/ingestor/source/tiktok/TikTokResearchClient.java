package io.onestore.ingestor.source.tiktok;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.onestore.ingestor.source.FetchOutcome;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * The TikTok Research API: client access tokens ({@code POST /v2/oauth/token/}, client credentials, valid two hours),
 * the video query ({@code POST /v2/research/video/query/}) and user info ({@code POST /v2/research/user/info/}).
 *
 * <p>Tokens: one is kept and used until {@code refreshMargin} before it expires; a 401 {@code access_token_invalid}
 * drops it, and the call is made once more with a new one. Quotas: every query is reserved in the {@link
 * ResearchQuota} first and is not sent when the day's requests or records are used up. Answers become {@link
 * FetchOutcome}s: 200 with {@code error.code = ok} is {@code Ok}; 429 is {@code RateLimited} (until 00:00 UTC for
 * {@code daily_quota_limit_exceeded}, else the {@code Retry-After}); a refused token after a refresh, a refused client
 * (401 on the token endpoint) and 403 {@code scope_not_authorized} are {@code LoginWall}; other 4xx are {@code
 * Rejected}; 5xx, timeouts and connection failures {@code Transient}; any other body {@code Malformed}. Never errors.
 * The key, secret and tokens are never logged nor put into an outcome's reason.
 */
public final class TikTokResearchClient {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final String USER_FIELDS =
            "display_name,bio_description,avatar_url,is_verified,follower_count,following_count,likes_count,video_count";

    private final WebClient http;
    private final ObjectMapper json;
    private final URI baseUrl;
    private final ClientTokens tokens;
    private final ResearchQuota quota;
    private final String fields;
    private final Duration timeout;
    private final MeterRegistry meters;

    public TikTokResearchClient(
            WebClient http,
            ObjectMapper json,
            URI baseUrl,
            ClientCredentials credentials,
            ResearchQuota quota,
            String fields,
            Duration refreshMargin,
            Duration timeout,
            Clock clock,
            MeterRegistry meters) {
        this.http = http;
        this.json = json;
        this.baseUrl = baseUrl;
        this.tokens = new ClientTokens(http, json, baseUrl, credentials, refreshMargin, timeout, clock, meters);
        this.quota = quota;
        this.fields = fields;
        this.timeout = timeout;
        this.meters = meters;
    }

    /**
     * One page of a video search, asking for up to {@code maxCount} videos, counted against today's quota for
     * {@code target} (the target's id, {@code hashtag:vans}, under which its spend is kept).
     */
    public Mono<FetchOutcome<VideoPage>> videos(String target, VideoQuery query, int maxCount) {
        return Mono.defer(() -> {
            var grant = quota.reserve(target, maxCount);
            if (grant.isEmpty()) {
                return Mono.just(count(
                        "video_query",
                        new FetchOutcome.RateLimited<VideoPage>(
                                quota.untilReset(), "the daily Research API quota is used up until 00:00 UTC")));
            }
            URI uri = UriComponentsBuilder.fromUri(baseUrl)
                    .path("/v2/research/video/query/")
                    .queryParam("fields", fields)
                    .encode()
                    .build()
                    .toUri();
            ObjectNode body = videoBody(query, grant.get().maxCount());
            return authorised(uri, body, this::videoPage).doOnNext(outcome -> {
                int served = outcome instanceof FetchOutcome.Ok<VideoPage> ok
                        ? ok.value().videos().size()
                        : 0;
                quota.settle(target, grant.get(), served);
                spend(target, served);
            });
        });
    }

    /** A public account's numbers ({@code data} of user info), or {@code Rejected} for a private or unknown one. */
    public Mono<FetchOutcome<JsonNode>> userInfo(String target, String username) {
        return Mono.defer(() -> {
            var grant = quota.reserve(target, 1);
            if (grant.isEmpty()) {
                return Mono.just(count(
                        "user_info",
                        new FetchOutcome.RateLimited<JsonNode>(
                                quota.untilReset(), "the daily Research API quota is used up until 00:00 UTC")));
            }
            URI uri = UriComponentsBuilder.fromUri(baseUrl)
                    .path("/v2/research/user/info/")
                    .queryParam("fields", USER_FIELDS)
                    .encode()
                    .build()
                    .toUri();
            ObjectNode body = json.createObjectNode().put("username", username);
            return authorised(uri, body, this::userData).doOnNext(outcome -> {
                quota.settle(target, grant.get(), outcome.isOk() ? 1 : 0);
                spend(target, outcome.isOk() ? 1 : 0);
            });
        });
    }

    private ObjectNode videoBody(VideoQuery query, int maxCount) {
        ObjectNode body = json.createObjectNode();
        ObjectNode condition = body.putObject("query").putArray("and").addObject();
        condition.put("operation", "EQ").put("field_name", query.field());
        condition.putArray("field_values").add(query.value());
        body.put("start_date", DAY.format(query.startDate()));
        body.put("end_date", DAY.format(query.endDate()));
        body.put("max_count", maxCount);
        body.put("cursor", query.cursor());
        if (query.searchId() != null) {
            body.put("search_id", query.searchId());
        }
        return body;
    }

    /** Sends with the current token; on 401 once more with a fresh one. */
    private <T> Mono<FetchOutcome<T>> authorised(URI uri, JsonNode body, Function<JsonNode, FetchOutcome<T>> read) {
        String endpoint = uri.getPath().contains("/user/") ? "user_info" : "video_query";
        return send(uri, body, read)
                .flatMap(first -> first.isPresent() ? Mono.just(first) : send(uri, body, read))
                .map(outcome -> outcome.orElseGet(
                        () -> new FetchOutcome.LoginWall<T>("TikTok refused a freshly issued access token")))
                .map(outcome -> count(endpoint, outcome));
    }

    /** Empty when the token was refused (401, and the token dropped): the caller decides whether to try again. */
    private <T> Mono<Optional<FetchOutcome<T>>> send(URI uri, JsonNode body, Function<JsonNode, FetchOutcome<T>> read) {
        return tokens.token().flatMap(token -> {
            if (!(token instanceof FetchOutcome.Ok<ClientTokens.Token> ok)) {
                return Mono.just(Optional.of(token.<T>map(t -> null)));
            }
            return http.post()
                    .uri(uri)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + ok.value().value())
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(body.toString())
                    .exchangeToMono(response -> response.bodyToMono(String.class)
                            .defaultIfEmpty("")
                            .map(text -> classify(
                                    response.statusCode(), response.headers().asHttpHeaders(), text, read, ok.value())))
                    .timeout(timeout)
                    .onErrorResume(e -> Mono.just(Optional.of(transport(e))));
        });
    }

    private <T> Optional<FetchOutcome<T>> classify(
            HttpStatusCode status,
            HttpHeaders headers,
            String body,
            Function<JsonNode, FetchOutcome<T>> read,
            ClientTokens.Token used) {
        int code = status.value();
        String errorCode = errorCode(body);
        if (code == 401) {
            tokens.forget(used);
            return Optional.empty();
        }
        if (code == 429) {
            if ("daily_quota_limit_exceeded".equals(errorCode)) {
                quota.exhaustedUpstream();
                return Optional.of(new FetchOutcome.RateLimited<>(
                        quota.untilReset(), "TikTok says the daily quota is used up (until 00:00 UTC)"));
            }
            return Optional.of(
                    new FetchOutcome.RateLimited<>(retryAfter(headers), "429 " + (errorCode == null ? "" : errorCode)));
        }
        if (code == 403) {
            return Optional.of(new FetchOutcome.LoginWall<>(
                    "the research client is not authorised (" + errorCode + "): is the project approved?"));
        }
        if (status.is5xxServerError()) {
            return Optional.of(new FetchOutcome.Transient<>("server error " + code));
        }
        if (!status.is2xxSuccessful()) {
            return Optional.of(
                    new FetchOutcome.Rejected<>("refused with " + code + " " + (errorCode == null ? "" : errorCode)));
        }
        JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (JsonProcessingException e) {
            return Optional.of(new FetchOutcome.Malformed<>("the answer is not JSON", body));
        }
        if (tree == null
                || !tree.isObject()
                || !"ok".equals(tree.path("error").path("code").asText("ok"))) {
            return Optional.of(new FetchOutcome.Malformed<>("not a successful Research API answer", body));
        }
        FetchOutcome<T> outcome = read.apply(tree);
        if (outcome == null) {
            return Optional.of(new FetchOutcome.Malformed<>("the answer lacks its data", body));
        }
        return Optional.of(outcome);
    }

    private FetchOutcome<VideoPage> videoPage(JsonNode tree) {
        JsonNode data = tree.path("data");
        JsonNode videos = data.path("videos");
        if (!videos.isArray() || !data.path("has_more").isBoolean()) {
            return null;
        }
        List<JsonNode> list = new ArrayList<>();
        videos.forEach(list::add);
        String searchId =
                data.path("search_id").isValueNode() ? data.path("search_id").asText() : null;
        return FetchOutcome.ok(new VideoPage(
                list, data.path("cursor").asInt(0), data.path("has_more").asBoolean(), searchId));
    }

    private FetchOutcome<JsonNode> userData(JsonNode tree) {
        JsonNode data = tree.path("data");
        return data.isObject() ? FetchOutcome.ok(data) : null;
    }

    static <T> FetchOutcome<T> transport(Throwable e) {
        if (e instanceof TimeoutException) {
            return new FetchOutcome.Transient<>("timed out");
        }
        if (e instanceof WebClientRequestException) {
            return new FetchOutcome.Transient<>("connection failed");
        }
        return new FetchOutcome.Transient<>("request failed: " + e.getClass().getSimpleName());
    }

    private String errorCode(String body) {
        try {
            JsonNode tree = json.readTree(body);
            return tree == null ? null : tree.path("error").path("code").asText(null);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static Duration retryAfter(HttpHeaders headers) {
        String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
        try {
            return value == null ? null : Duration.ofSeconds(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * What each target costs: one request and the records it returned, in {@code onestore.source.spend{platform=tiktok,
     * resource=requests|records, target}}: the tag keys X's spend uses, since a Prometheus registry refuses one meter
     * name with two sets of tag keys (with X and TikTok both on, the second one was dropped with a warning).
     */
    private void spend(String target, int records) {
        meters.counter("onestore.source.spend", "platform", "tiktok", "resource", "requests", "target", target)
                .increment();
        meters.counter("onestore.source.spend", "platform", "tiktok", "resource", "records", "target", target)
                .increment(records);
    }

    private <T> FetchOutcome<T> count(String endpoint, FetchOutcome<T> outcome) {
        Counter.builder("onestore.source.requests")
                .description("upstream calls by source, endpoint and outcome")
                .tag("source", "tiktok")
                .tag("endpoint", endpoint)
                .tag("outcome", outcome.label())
                .register(meters)
                .increment();
        return outcome;
    }
}
