package io.onestore.ingestor.source;

import io.onestore.ingestor.account.AccountSignal;
import java.time.Duration;
import java.util.function.Function;

/**
 * What one upstream call came to, typed so that the account pool can act on it instead of parsing exception
 * messages: a rate limit cools the account down, a login wall takes it out of rotation, a transient fault is retried,
 * a malformed body is kept verbatim as a dead letter.
 */
public sealed interface FetchOutcome<T> extends AccountSignal {

    /** A stable label for metrics and {@code CaptureResult.Failed#outcome}. */
    String label();

    record Ok<T>(T value) implements FetchOutcome<T> {
        @Override
        public String label() {
            return "ok";
        }

        @Override
        public String reason() {
            return "ok";
        }
    }

    /**
     * 429, or a Graph API throttling error (codes 4, 17, 32, 613, 80002 on HTTP 400/403).
     *
     * @param retryAfter what the upstream asked for ({@code Retry-After}, Graph's estimated time to regain access);
     *     null when it did not say
     */
    record RateLimited<T>(Duration retryAfter, String reason) implements FetchOutcome<T>, AccountSignal.RateLimited {
        @Override
        public String label() {
            return "rate_limited";
        }
    }

    /** 401 "Please wait a few minutes before you try again": a soft block of the account, not of the upstream. */
    record PleaseWait<T>(String reason) implements FetchOutcome<T>, AccountSignal.PleaseWait {
        @Override
        public String label() {
            return "please_wait";
        }
    }

    /**
     * The account needs a human: a redirect to {@code /accounts/login}, an HTML page instead of JSON,
     * {@code checkpoint_required}/{@code challenge_required}, an invalid Graph token.
     */
    record LoginWall<T>(String reason) implements FetchOutcome<T>, AccountSignal.LoginWall {
        @Override
        public String label() {
            return "login_wall";
        }
    }

    /**
     * The token's paid reads are used up: X's 402 when the prepaid credits run out, or its monthly usage cap. Only a
     * human (a top-up, the next billing month) brings the token back, so the pool takes it out of rotation like a
     * login wall, and health says why.
     */
    record OutOfCredit<T>(String reason) implements FetchOutcome<T>, AccountSignal.LoginWall {
        @Override
        public String label() {
            return "out_of_credit";
        }
    }

    /** 5xx, timeouts, connection failures, an open circuit: worth retrying later, on any account. */
    record Transient<T>(String reason) implements FetchOutcome<T> {
        @Override
        public String label() {
            return "transient";
        }
    }

    /** The upstream answered but the body is not the JSON we expect; {@code rawBody} is kept for the dead letters. */
    record Malformed<T>(String reason, String rawBody) implements FetchOutcome<T> {
        @Override
        public String label() {
            return "malformed";
        }
    }

    /** The upstream refused the request itself (404, unknown hashtag, bad parameter): another account won't help. */
    record Rejected<T>(String reason) implements FetchOutcome<T> {
        @Override
        public String label() {
            return "rejected";
        }
    }

    static <T> FetchOutcome<T> ok(T value) {
        return new Ok<>(value);
    }

    /** Maps an ok value; any other outcome is passed on unchanged. */
    @SuppressWarnings("unchecked")
    default <R> FetchOutcome<R> map(Function<? super T, ? extends R> mapper) {
        if (this instanceof Ok<T> ok) {
            return new Ok<>(mapper.apply(ok.value()));
        }
        // Every other variant carries no T, so it is the same value at any type.
        return (FetchOutcome<R>) this;
    }

    default boolean isOk() {
        return this instanceof Ok<T>;
    }

    /** The failure's explanation (no secrets: never a URL, header or token); "ok" for {@link Ok}. */
    @Override
    String reason();
}
