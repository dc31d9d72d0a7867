package io.onestore.simulator.web;

import java.util.Optional;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Who is calling. Accepted everywhere, first match wins: {@code Authorization: Bearer <token>} (or {@code OAuth
 * <token>}), the {@code access_token} query parameter (the Graph API's way), the {@code sessionid} cookie (the
 * Instagram web's way). No token means anonymous: Instagram web/legacy then share one small budget, the Graph API, X
 * and TikTok refuse.
 */
public final class Tokens {

    private Tokens() {}

    public static Optional<String> of(ServerHttpRequest request) {
        String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            for (String scheme : new String[] {"Bearer ", "OAuth "}) {
                if (authorization.regionMatches(true, 0, scheme, 0, scheme.length())) {
                    String token = authorization.substring(scheme.length()).strip();
                    if (!token.isEmpty()) {
                        return Optional.of(token);
                    }
                }
            }
        }
        String param = request.getQueryParams().getFirst("access_token");
        if (param != null && !param.isBlank()) {
            return Optional.of(param);
        }
        HttpCookie session = request.getCookies().getFirst("sessionid");
        if (session != null && !session.getValue().isBlank()) {
            return Optional.of(session.getValue());
        }
        return Optional.empty();
    }
}
