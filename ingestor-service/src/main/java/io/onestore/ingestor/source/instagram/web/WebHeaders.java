package io.onestore.ingestor.source.instagram.web;

import io.onestore.ingestor.account.Account;
import org.springframework.http.HttpHeaders;

/**
 * What the web endpoints want to see besides the session cookie: {@code x-ig-app-id} (the public id of Instagram's
 * web app; without it the API answers 400/403) and {@code x-requested-with}, as the web app itself sends them.
 */
public record WebHeaders(String appId) {

    void apply(HttpHeaders headers, Account account) {
        headers.add("x-ig-app-id", appId);
        headers.add("x-requested-with", "XMLHttpRequest");
        headers.add(HttpHeaders.COOKIE, "sessionid=" + account.token());
    }
}
