package org.gatehouse.logout.control;

import static org.gatehouse.testing.Pages.Page.LOGIN;
import static org.gatehouse.testing.Pages.Page.RELYING_PARTY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.openid.connect.sdk.LogoutRequest;
import com.nimbusds.openid.connect.sdk.claims.LogoutTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import com.nimbusds.openid.connect.sdk.validators.LogoutTokenValidator;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.gatehouse.testing.BrowserScenario;
import org.gatehouse.testing.OidcFlow;
import org.gatehouse.testing.Poll;
import org.gatehouse.testing.RelyingParty;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * One single sign-on session, two applications, one logout (OpenID Connect RP-Initiated, Front-Channel and
 * Back-Channel Logout 1.0), in headless Chromium: alice signs in to logout.one, then, without signing in again, to
 * logout.two; logout.one sends her to the end-session endpoint. Both front-channel URIs are loaded with iss and sid
 * before the browser returns to logout.one with its state, both back-channel URIs receive a logout token that the
 * Nimbus SDK validates, and logout.one's refresh token (CoordinateLifetimeWithUserSession) is revoked while
 * logout.two's (not coordinated) lives on. The relying party on 127.0.0.1:18480 plays both applications.
 */
class LogoutIT extends BrowserScenario {

    private static final String ONE = RelyingParty.ORIGIN + "/one";
    private static final String TWO = RelyingParty.ORIGIN + "/two";

    @Test
    void oneLogoutEndsTheSessionForEveryApplicationItSignedInto() throws Exception {
        var one = OidcFlow.publicClient(issuer, "logout.one", ONE + "/callback", "openid profile offline_access");
        assertEquals(LOGIN, start(one));
        assertEquals(RELYING_PARTY, pages.signIn("alice", "alice"));
        OIDCTokens oneTokens = one.exchange(one.code(one.response(app.next())));
        String sid = one.validate(oneTokens).getStringClaim("sid");

        var two = OidcFlow.confidential(issuer, "logout.two", TWO + "/callback", "openid offline_access");
        assertEquals(RELYING_PARTY, start(two), "single sign-on: no second login");
        OIDCTokens twoTokens = two.exchange(two.code(two.response(app.next())));
        var twoIdToken = two.validate(twoTokens);
        assertEquals(sid, twoIdToken.getStringClaim("sid"));
        app.forget();

        var state = new State();
        browser.open(new LogoutRequest(one.endpoint("/connect/endsession"), oneTokens.getIDToken(),
                URI.create(ONE + "/signed-out"), state).toURI());

        var back = arrival("/one/signed-out");
        assertEquals(state.getValue(), back.parameter("state"), "RP-Initiated Logout §3: back with the state");
        var frontOne = arrival("/one/front-channel-logout");
        assertEquals(Map.of("iss", List.of(issuer), "sid", List.of(sid)), frontOne.queryParameters());
        var frontTwo = arrival("/two/front-channel-logout");
        assertEquals(Map.of("tenant", List.of("2"), "iss", List.of(issuer), "sid", List.of(sid)), frontTwo.queryParameters(),
                "the registered query kept, iss and sid added");
        var received = app.requests();
        assertTrue(received.indexOf(frontOne) < received.indexOf(back) && received.indexOf(frontTwo) < received.indexOf(back),
                "the front-channel iframes were loaded before the browser left: " + received);
        assertTrue(browser.cookie("__Host-gatehouse.session").isEmpty(), "the session cookie is gone");

        var tokenOne = logoutToken(arrival("/one/back-channel-logout"), "logout.one");
        assertEquals("1", tokenOne.getSubject().getValue());
        assertEquals(sid, tokenOne.getSessionID().getValue());
        var tokenTwo = logoutToken(arrival("/two/back-channel-logout"), "logout.two");
        assertEquals(twoIdToken.getSubject(), tokenTwo.getSubject(), "the pairwise subject logout.two knows");
        assertNull(tokenTwo.getSessionID(), "BackChannelLogoutSessionRequired: false");

        var refusedOne = OidcFlow.tokenError(one.refreshResponse(oneTokens.getRefreshToken()));
        assertEquals("invalid_grant", refusedOne.getCode(), "CoordinateLifetimeWithUserSession: revoked with the session");
        OidcFlow.tokens(two.refreshResponse(twoTokens.getRefreshToken())); // not coordinated: lives on

        Thread.sleep(3000); // two rounds of the outbox: nothing is delivered twice
        assertEquals(1, app.requests().stream().filter(r -> r.path().equals("/one/back-channel-logout")).count());
        assertEquals(1, app.requests().stream().filter(r -> r.path().equals("/two/back-channel-logout")).count());
    }

    @Test
    void aConfirmedLogoutWithoutHintAlsoReturnsToTheApplication() throws Exception {
        var one = OidcFlow.publicClient(issuer, "logout.one", ONE + "/callback", "openid");
        assertEquals(LOGIN, start(one));
        assertEquals(RELYING_PARTY, pages.signIn("alice", "alice"));
        one.exchange(one.code(one.response(app.next())));
        app.forget();

        // client_id alone (§2) proves nobody asked: the user confirms, then goes back.
        browser.open(URI.create(issuer + "/connect/endsession?client_id=logout.one&post_logout_redirect_uri="
                + ONE + "/signed-out&state=s1&ui_locales=de"));
        pages.clickAndLeave(browser.driver().findElement(By.id("sign-out")));
        assertEquals("s1", arrival("/one/signed-out").parameter("state"));
        logoutToken(arrival("/one/back-channel-logout"), "logout.one"); // delivered before the next test starts
    }

    @Test
    void theCheckSessionIframeSaysUnchangedUntilTheLogoutThenChanged() throws Exception {
        var one = OidcFlow.publicClient(issuer, "logout.one", ONE + "/callback", "openid");
        assertEquals(LOGIN, start(one));
        assertEquals(RELYING_PARTY, pages.signIn("alice", "alice"));
        var response = app.next();
        String sessionState = response.parameter("session_state");
        var tokens = one.exchange(one.code(one.response(response)));
        String discovered = OIDCProviderMetadata.resolve(new Issuer(issuer)).getCheckSessionIframeURI().toString();
        assertEquals(issuer + "/connect/checksession", discovered);

        // The browser is on logout.one's page (its redirect URI's origin), as a relying party's own iframe would be.
        assertEquals("unchanged", askCheckSession(discovered, "logout.one " + sessionState));
        assertEquals("changed", askCheckSession(discovered, "logout.two " + sessionState), "another client's");
        assertEquals("error", askCheckSession(discovered, "no-session-state"));

        browser.open(new LogoutRequest(one.endpoint("/connect/endsession"), tokens.getIDToken(),
                URI.create(ONE + "/signed-out"), new State()).toURI());
        arrival("/one/signed-out");
        assertEquals("changed", askCheckSession(discovered, "logout.one " + sessionState));
        logoutToken(arrival("/one/back-channel-logout"), "logout.one"); // delivered before the next test starts
    }

    /** Session Management 1.0 §3.1: the RP frames the OP iframe and posts "client_id session_state" to it. */
    private static String askCheckSession(String iframe, String message) {
        return (String) browser.driver().executeAsyncScript("var src = arguments[0], message = arguments[1];"
                + "var done = arguments[arguments.length - 1];"
                + "var frame = document.createElement('iframe'); frame.style.display = 'none'; frame.src = src;"
                + "window.addEventListener('message', function (e) { if (e.source === frame.contentWindow) { done(e.data); } });"
                + "frame.onload = function () { frame.contentWindow.postMessage(message, new URL(src).origin); };"
                + "document.body.appendChild(frame);", iframe, message);
    }

    /** The first request the relying party received on {@code path}, waiting for it. */
    private static RelyingParty.Request arrival(String path) {
        return Poll.until(Duration.ofSeconds(20), "a request to " + path,
                () -> app.requests().stream().filter(r -> r.path().equals(path)).findFirst().orElse(null), r -> r != null);
    }

    /** The POSTed logout_token, validated as a relying party would: signature, typ logout+jwt, claims, event, no nonce. */
    private LogoutTokenClaimsSet logoutToken(RelyingParty.Request request, String clientId) throws Exception {
        assertEquals("POST", request.method());
        assertTrue(request.contentType().startsWith("application/x-www-form-urlencoded"), request.contentType());
        var jwks = JWKSet.load(new URL(issuer + "/.well-known/openid-configuration/jwks"));
        var validator = new LogoutTokenValidator(new Issuer(issuer), new ClientID(clientId), true,
                new JWSVerificationKeySelector<SecurityContext>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(jwks)), null);
        var jwt = JWTParser.parse(request.formParameters().get("logout_token").get(0));
        var claims = validator.validate(jwt);
        assertNull(jwt.getJWTClaimsSet().getClaim("nonce"));
        assertTrue(jwt.getJWTClaimsSet().getExpirationTime() != null, "exp");
        return claims;
    }
}
