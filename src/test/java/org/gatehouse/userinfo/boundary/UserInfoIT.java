package org.gatehouse.userinfo.boundary;

import static org.gatehouse.testing.Pages.Page.LOGIN;
import static org.gatehouse.testing.Pages.Page.RELYING_PARTY;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gatehouse.testing.BrowserScenario;
import org.gatehouse.testing.Http;
import org.junit.jupiter.api.Test;

/**
 * The userinfo endpoint (OIDC Core §5.3) after an interactive sign-in in a real browser (headless Chromium): POST with
 * the token in the body, the challenge of a bad token, and a single-page app calling it from the browser (CORS). Each
 * test signs alice in to spa (which asks for no consent) from a browser without cookies.
 */
class UserInfoIT extends BrowserScenario {

    @Test
    void userInfoAnswersPostAndChallengesABadToken() throws Exception {
        var flow = spa("openid profile");
        assertEquals(LOGIN, start(flow));
        assertEquals(RELYING_PARTY, pages.signIn("alice", "alice"));
        var tokens = flow.exchange(flow.code(flow.response(app.next())));

        var post = Http.form(flow.endpoint("/connect/userinfo"), "access_token=" + tokens.getAccessToken().getValue());
        var bad = Http.get(flow.endpoint("/connect/userinfo"), "not-a-token");

        assertAll(
                () -> assertEquals(200, post.statusCode(), "POST with the token in the body (OIDC Core §5.3.1, RFC 6750 §2.2): "
                        + post.body()),
                () -> assertEquals("1", com.nimbusds.oauth2.sdk.util.JSONObjectUtils.parse(post.body()).get("sub")),
                () -> assertTrue(post.headers().firstValue("Date").orElse("").matches("\\w{3}, \\d{2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT"),
                        "RFC 9110 §6.6.1: an IMF-fixdate Date (FAPI resource clients check it): " + post.headers().firstValue("Date")),
                () -> assertEquals(401, bad.statusCode()),
                () -> assertTrue(bad.headers().firstValue("WWW-Authenticate").orElse("").matches("(?i)^Bearer\\b.*error=\"invalid_token\".*"),
                        "RFC 6750 §3.1: " + bad.headers().firstValue("WWW-Authenticate")));
    }

    @Test
    void aSinglePageAppExchangesTheCodeAndCallsUserInfoFromTheBrowser() throws Exception {
        var flow = spa("openid profile api1");
        assertEquals(LOGIN, start(flow));
        assertEquals(RELYING_PARTY, pages.signIn("alice", "alice"));
        var code = flow.code(flow.response(app.next()));
        // The app's own script, on its origin (AllowedCorsOrigins http://127.0.0.1:18480), calls Gatehouse.
        String body = "grant_type=authorization_code&client_id=spa"
                + "&code=" + java.net.URLEncoder.encode(code.getValue(), java.nio.charset.StandardCharsets.UTF_8)
                + "&redirect_uri=" + java.net.URLEncoder.encode(SPA_REDIRECT, java.nio.charset.StandardCharsets.UTF_8)
                + "&code_verifier=" + flow.verifier.getValue();
        Object result = browser.driver().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                (async () => {
                  const token = await fetch(arguments[0] + '/connect/token', { method: 'POST',
                      headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: arguments[1] });
                  const tokens = await token.json();
                  const info = await fetch(arguments[0] + '/connect/userinfo',
                      { headers: { 'Authorization': 'Bearer ' + tokens.access_token } });
                  return JSON.stringify({ status: token.status, tokens, userinfoStatus: info.status, userinfo: await info.json() });
                })().then(done, e => done('failed: ' + e));
                """, issuer, body);

        assertTrue(String.valueOf(result).startsWith("{"), "the browser's fetch was refused (CORS?): " + result);
        var json = com.nimbusds.oauth2.sdk.util.JSONObjectUtils.parse((String) result);
        assertEquals(200L, ((Number) json.get("status")).longValue(), String.valueOf(json.get("tokens")));
        var tokens = com.nimbusds.openid.connect.sdk.token.OIDCTokens.parse(
                com.nimbusds.oauth2.sdk.util.JSONObjectUtils.getJSONObject(json, "tokens"));
        assertEquals("1", flow.validate(tokens).getSubject().getValue());
        assertEquals(200L, ((Number) json.get("userinfoStatus")).longValue());
        assertEquals("Alice Smith", com.nimbusds.oauth2.sdk.util.JSONObjectUtils.getJSONObject(json, "userinfo").get("name"));
    }
}
