package org.gatehouse.endsession.boundary;

import static org.gatehouse.testing.Pages.Page.ERROR;
import static org.gatehouse.testing.Pages.Page.LOGIN;
import static org.gatehouse.testing.Pages.Page.RELYING_PARTY;
import static org.gatehouse.testing.Pages.Page.SIGNED_OUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.openid.connect.sdk.LogoutRequest;
import com.nimbusds.openid.connect.sdk.OIDCError;
import com.nimbusds.openid.connect.sdk.Prompt;
import java.net.URI;
import java.util.List;
import org.gatehouse.testing.BrowserScenario;
import org.gatehouse.testing.RelyingParty;
import org.junit.jupiter.api.Test;

/**
 * Sign-out in a real browser (headless Chromium): the end-session endpoint (OIDC RP-Initiated Logout), the redirect to
 * the post_logout_redirect_uri, and the SSO session it ends on the server, with the Nimbus SDK as the
 * relying party. Each test signs alice in to spa (which asks for no consent) from a browser without cookies.
 */
class EndSessionIT extends BrowserScenario {

    @Test
    void endSessionSignsOutAndPromptNoneThenNeedsALogin() {
        var flow = spa("openid profile");
        assertEquals(LOGIN, start(flow));
        assertEquals(RELYING_PARTY, pages.signIn("alice", "alice"));
        var tokens = flow.exchange(flow.code(flow.response(app.next())));
        flow.validate(tokens);
        app.forget();

        var state = new State();
        browser.open(new LogoutRequest(flow.endpoint("/connect/endsession"), tokens.getIDToken(), URI.create(SPA_SIGNED_OUT), state)
                .toURI());

        // RP-Initiated Logout §3: straight back to the registered URI (spa has no front-channel URI to load first).
        assertEquals(RELYING_PARTY, pages.landing());
        var back = app.next();
        assertEquals("/spa/", back.path());
        assertEquals(state.getValue(), back.parameter("state"));
        assertTrue(browser.cookie("__Host-gatehouse.session").isEmpty(), "the session cookie is gone");

        var silent = spa("openid").with(b -> b.prompt(new Prompt(Prompt.Type.NONE)));
        assertEquals(RELYING_PARTY, start(silent));
        assertEquals(OIDCError.LOGIN_REQUIRED.getCode(), silent.error(silent.response(app.next())).getCode());
    }

    @Test
    void endSessionNeverRedirectsToAnUnregisteredUri() throws Exception {
        var flow = spa("openid");
        assertEquals(LOGIN, start(flow));
        assertEquals(RELYING_PARTY, pages.signIn("alice", "alice"));
        var tokens = flow.exchange(flow.code(flow.response(app.next())));
        app.forget();

        browser.open(new LogoutRequest(flow.endpoint("/connect/endsession"), tokens.getIDToken(),
                URI.create(RelyingParty.ORIGIN + "/evil"), new State()).toURI());

        var page = pages.landing();
        assertTrue(page == SIGNED_OUT || page == ERROR, "a Gatehouse page: " + page);
        assertTrue(browser.currentUrl().startsWith(issuer + "/"), browser.currentUrl());
        assertFalse(browser.driver().getPageSource().contains(RelyingParty.ORIGIN + "/evil"), "no link to the unregistered URI");
        Thread.sleep(300);
        assertEquals(List.of(), app.requests());
    }

    @Test
    void signingOutEndsTheSessionOnTheServerNotOnlyTheCookie() {
        var flow = spa("openid");
        assertEquals(LOGIN, start(flow));
        assertEquals(RELYING_PARTY, pages.signIn("alice", "alice"));
        var tokens = flow.exchange(flow.code(flow.response(app.next())));
        var session = browser.cookie("__Host-gatehouse.session").orElseThrow();

        browser.open(new LogoutRequest(flow.endpoint("/connect/endsession"), tokens.getIDToken(), URI.create(SPA_SIGNED_OUT),
                new State()).toURI());
        assertEquals(RELYING_PARTY, pages.landing());
        assertEquals("/spa/", app.next().path());

        browser.setCookie(session); // a copy of the cookie kept from before, as a thief would
        var silent = spa("openid").with(b -> b.prompt(new Prompt(Prompt.Type.NONE)));
        assertEquals(RELYING_PARTY, start(silent));
        assertEquals(OIDCError.LOGIN_REQUIRED.getCode(), silent.error(silent.response(app.next())).getCode());
    }
}
