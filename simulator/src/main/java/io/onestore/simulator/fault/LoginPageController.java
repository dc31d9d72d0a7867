package io.onestore.simulator.fault;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Where the login redirect lands, so a client that follows redirects also ends on HTML. */
@RestController
class LoginPageController {

    @GetMapping(value = "/accounts/login/", produces = MediaType.TEXT_HTML_VALUE)
    String loginPage() {
        return FaultResponses.LOGIN_PAGE;
    }
}
