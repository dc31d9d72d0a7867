package io.onestore.query.search;

import io.onestore.query.config.QueryApiProperties;
import io.onestore.query.request.Bounds;
import io.onestore.query.request.HashtagList;
import io.onestore.query.request.Instants;
import io.onestore.query.request.PlatformParam;
import io.onestore.query.request.TargetNames;
import io.onestore.query.web.ApiException;
import io.onestore.query.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "posts")
class PostSearchController {

    static final int MAX_QUERY_LENGTH = 200;

    private final PostSearchService service;
    private final QueryApiProperties.Limits limits;

    PostSearchController(PostSearchService service, QueryApiProperties properties) {
        this.service = service;
        this.limits = properties.limits();
    }

    @GetMapping("/api/v1/posts")
    @Operation(summary = "Search posts by hashtag, author, caption text and time; bounded pages")
    PostPage search(
            @Parameter(description = "hashtags (any of), comma-separated or repeated, at most 20", example = "nike")
                    @RequestParam(required = false)
                    List<String> hashtag,
            @Parameter(description = "the author's handle, with or without '@'", example = "nike")
                    @RequestParam(required = false)
                    String author,
            @Parameter(description = "words that must all occur in the caption (plain text, never query syntax)")
                    @RequestParam(required = false)
                    String q,
            @Parameter(
                            description = "published at or after; ISO-8601 instant (1970 to 2100); default: no bound",
                            schema = @Schema(type = "string", format = "date-time"))
                    @RequestParam(name = "from", required = false)
                    String fromText,
            @Parameter(
                            description = "published before; ISO-8601 instant (1970 to 2100); default: no bound",
                            schema = @Schema(type = "string", format = "date-time"))
                    @RequestParam(name = "to", required = false)
                    String toText,
            @Parameter(
                            schema =
                                    @Schema(
                                            allowableValues = {
                                                "recent",
                                                "oldest",
                                                "engagement",
                                                "likes",
                                                "comments",
                                                "relevance"
                                            }))
                    @RequestParam(defaultValue = "recent")
                    String sort,
            @Parameter(description = "page number from 0; (page + 1) * size at most 10000")
                    @RequestParam(defaultValue = "0")
                    int page,
            @Parameter(description = "posts per page, 1 to 100") @RequestParam(defaultValue = "20") int size,
            @Parameter(
                            description = "only posts on this platform; default: every platform",
                            schema = @Schema(allowableValues = {"instagram", "x", "tiktok", "bluesky", "mastodon"}))
                    @RequestParam(required = false)
                    String platform)
            throws IOException {
        Bounds.check("size", size, 1, limits.maxPageSize());
        Bounds.check("page", page, 0, limits.maxResultWindow() / size - 1);
        Instant from = Instants.parse("from", fromText);
        Instant to = Instants.parse("to", toText);
        if (from != null && to != null && !from.isBefore(to)) {
            throw new ApiException(ProblemType.INVALID_TIME_WINDOW, "'from' must be before 'to'");
        }
        List<String> hashtags = hashtag == null || hashtag.stream().allMatch(String::isBlank)
                ? List.of()
                : HashtagList.parse(hashtag, limits.maxHashtags());
        String username = author == null || author.isBlank() ? null : TargetNames.handle(author, "author");
        String text = q == null || q.isBlank() ? null : q.strip();
        if (text != null && text.length() > MAX_QUERY_LENGTH) {
            throw new ApiException(
                    ProblemType.LIMIT_OUT_OF_RANGE, "'q' may be at most " + MAX_QUERY_LENGTH + " characters");
        }
        return service.search(
                new PostSearchService.Criteria(
                        hashtags,
                        username,
                        text,
                        from,
                        to,
                        platform == null ? null : PlatformParam.parse(platform).key()),
                PostSort.parse(sort, text != null),
                page,
                size);
    }
}
