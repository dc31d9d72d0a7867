package io.onestore.model.document;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The author of a post as seen when the post was captured. Every field but the id may be absent: Graph API hashtag
 * media carry no author at all (design.md §3), and feeds rarely carry follower counts.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Author(String id, String username, String fullName, Long followers, Boolean verified) {

    public static Author of(String id, String username) {
        return new Author(id, username, null, null, null);
    }
}
