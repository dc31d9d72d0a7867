package io.onestore.query.search;

import io.onestore.model.text.Mentions;
import io.onestore.query.config.QueryApiProperties;
import io.onestore.query.insight.Bounds;
import io.onestore.query.insight.HashtagList;
import io.onestore.query.web.ApiException;
import io.onestore.query.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
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
            @RequestParam(required = false) List<String> hashtag,
            @RequestParam(required = false) String author,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(defaultValue = "recent") String sort,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size)
            throws IOException {
        Bounds.check("size", size, 1, limits.maxPageSize());
        Bounds.check("page", page, 0, limits.maxResultWindow() / size - 1);
        if (from != null && to != null && !from.isBefore(to)) {
            throw new ApiException(ProblemType.INVALID_TIME_WINDOW, "'from' must be before 'to'");
        }
        List<String> hashtags = hashtag == null || hashtag.stream().allMatch(String::isBlank)
                ? List.of()
                : HashtagList.parse(hashtag, limits.maxHashtags());
        String username = author == null || author.isBlank()
                ? null
                : Mentions.normalize(author)
                        .orElseThrow(() ->
                                new ApiException(ProblemType.INVALID_PARAMETER, "'author' is not a valid handle"));
        String text = q == null || q.isBlank() ? null : q.strip();
        if (text != null && text.length() > MAX_QUERY_LENGTH) {
            throw new ApiException(
                    ProblemType.LIMIT_OUT_OF_RANGE, "'q' may be at most " + MAX_QUERY_LENGTH + " characters");
        }
        return service.search(
                new PostSearchService.Criteria(hashtags, username, text, from, to),
                PostSort.parse(sort, text != null),
                page,
                size);
    }
}
