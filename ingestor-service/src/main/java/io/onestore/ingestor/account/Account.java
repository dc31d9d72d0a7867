package io.onestore.ingestor.account;

import java.util.Objects;

/**
 * One upstream identity: a session (legacy, web) or a Graph API access token of a business account (graph).
 *
 * @param id how logs, health and metrics name the account; never the token
 * @param token the secret; only source clients read it, and only to put it on the wire
 * @param igUserId the Instagram business account id the Graph API calls need ({@code user_id}); absent elsewhere
 */
public record Account(String id, String token, String igUserId) {

    public Account {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(token, "token");
    }

    /** Redacts the token: accounts end up in log lines, exception messages and debugger views. */
    @Override
    public String toString() {
        return "Account[id=" + id + ", token=<redacted>" + (igUserId == null ? "" : ", igUserId=" + igUserId) + "]";
    }
}
