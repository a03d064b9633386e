package org.gatehouse.authorize.boundary;

import static org.gatehouse.testing.Pages.Page.CONSENT;
import static org.gatehouse.testing.Pages.Page.ERROR;
import static org.gatehouse.testing.Pages.Page.LOGIN;
import static org.gatehouse.testing.Pages.Page.RELYING_PARTY;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.OIDCError;
import com.nimbusds.openid.connect.sdk.OIDCResponseTypeValue;
import com.nimbusds.openid.connect.sdk.Prompt;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.AuthorizationCodeValidator;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.gatehouse.testing.BrowserScenario;
import org.gatehouse.testing.Http;
import org.gatehouse.testing.OidcFlow;
import org.gatehouse.testing.Pages;
import org.gatehouse.testing.RelyingParty;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

/**
 * Interactive sign-in in a real browser (headless Chromium): the authorization endpoint, the login, consent and error
 * pages, the SSO session, the code exchange, ID tokens and refresh tokens, with the Nimbus SDK as the relying party
 * and {@link RelyingParty} receiving the redirects on 127.0.0.1:18480. Sign-out is
 * {@link org.gatehouse.endsession.boundary.EndSessionIT}'s, userinfo {@link org.gatehouse.userinfo.boundary.UserInfoIT}'s.
 *
 * <p>Users alice/alice (subject "1") and bob/bob (subject "2") and the clients mvc, spa and pairwise of
 * src/test/resources/it/appsettings.json. Consent is server-side state shared by the tests of this class: only
 * {@link #rememberedConsentIsNotAskedForAgain()} remembers one (bob's, for mvc); every other test that consents does
 * so for alice without remembering. Each test starts with no cookie at all (no session).
 */
class SignInIT extends BrowserScenario {

    static final String PAIRWISE_REDIRECT = RelyingParty.ORIGIN + "/pairwise";
    static final String HYBRID_REDIRECT = RelyingParty.ORIGIN + "/hybrid";
    static final String IMPLICIT_REDIRECT = RelyingParty.ORIGIN + "/implicit";
    static final String CONSENT_ONCE_REDIRECT = RelyingParty.ORIGIN + "/consent-once";
    static final String INVALID_LOGIN = "Invalid username or password.";
    /** The error codes RFC 6749 §4.1.2.1 defines for the authorization endpoint. */
    static final Set<String> AUTHORIZATION_ERRORS = Set.of("invalid_request", "unauthorized_client", "access_denied",
            "unsupported_response_type", "invalid_scope", "server_error", "temporarily_unavailable");

    // --- the code flow ------------------------------------------------------------------------------

    @Test
    void confidentialClientSignsInConsentsAndGetsValidatedTokensAndUserInfo() {
        var flow = mvc("openid profile email api1");

        assertEquals(LOGIN, start(flow));
        assertEquals(CONSENT, pages.signIn("alice", "alice"));
        assertAll("consent page",
                () -> assertEquals("Sample MVC", browser.waitForId("client-name").getText()),
                () -> {
                    for (String scope : List.of("openid", "profile", "email", "api1")) {
                        var box = browser.driver().findElement(By.id("scope-" + scope));
                        assertEquals("checkbox", box.getAttribute("type"), scope);
                        assertEquals("scope", box.getAttribute("name"), scope);
                        assertEquals(scope, box.getAttribute("value"), scope);
                    }
                },
                () -> assertTrue(browser.has("remember"), "mvc may remember consent (AllowRememberConsent defaults to true)"));
        assertEquals(RELYING_PARTY, pages.allow(false));

        var code = flow.code(flow.response(app.next()));
        var tokens = flow.exchange(code);
        var idToken = flow.validate(tokens);
        var userInfo = flow.userInfo(tokens.getAccessToken());

        assertAll(
                () -> assertEquals("1", idToken.getSubject().getValue()),
                () -> assertEquals(List.of("mvc"), idToken.getAudience().stream().map(Object::toString).toList()),
                () -> assertEquals("1", userInfo.getSubject().getValue(), "userinfo's sub is the ID token's (OIDC Core §5.3.2)"),
                () -> assertEquals("Alice Smith", userInfo.getName()),
                () -> assertEquals("AliceSmith@example.com", userInfo.getEmailAddress()),
                () -> assertEquals(Boolean.TRUE, userInfo.getEmailVerified()),
                () -> assertNull(userInfo.getClaim("badge"), "custom.badge was not requested"),
                () -> assertNull(tokens.getRefreshToken(), "no refresh token without offline_access"),
                () -> assertEquals(OAuth2Error.INVALID_GRANT.getCode(), OidcFlow.tokenError(flow.tokenResponse(
                        new com.nimbusds.oauth2.sdk.AuthorizationCodeGrant(code, flow.redirectUri, flow.verifier))).getCode(),
                        "a code is used once (RFC 6749 §4.1.2)"));
    }

    @Test
    void publicClientSignsInWithPkceWithoutConsent() {
        var flow = spa("openid profile api1");

        assertEquals(LOGIN, start(flow));
        assertEquals(RELYING_PARTY, pages.signIn("alice", "alice"), "spa does not require consent");

        var tokens = flow.exchange(flow.code(flow.response(app.next())));
        var idToken = flow.validate(tokens);
        var userInfo = flow.userInfo(tokens.getAccessToken());
        assertAll(
                () -> assertEquals("1", idToken.getSubject().getValue()),
                () -> assertEquals("1", userInfo.getSubject().getValue()),
                () -> assertEquals("Alice Smith", userInfo.getName()),
                () -> assertNull(userInfo.getEmailAddress(), "email was not requested"));
    }

    @Test
    void aCodeNeedsItsPkceVerifier() {
        var flow = spa("openid");
        assertEquals(LOGIN, start(flow));
        assertEquals(RELYING_PARTY, pages.signIn("alice", "alice"));
        var code = flow.code(flow.response(app.next()));

        var wrongVerifier = flow.tokenResponse(new com.nimbusds.oauth2.sdk.AuthorizationCodeGrant(code, flow.redirectUri,
                new com.nimbusds.oauth2.sdk.pkce.CodeVerifier()));

        assertEquals(400, wrongVerifier.getStatusCode());
        assertEquals(OAuth2Error.INVALID_GRANT.getCode(), OidcFlow.tokenError(wrongVerifier).getCode(), "RFC 7636 §4.6");
    }

    // --- consent ------------------------------------------------------------------------------------

    @Test
    void rememberedConsentIsNotAskedForAgain() {
        var first = mvc("openid profile");
        assertEquals(LOGIN, start(first));
        assertEquals(CONSENT, pages.signIn("bob", "bob"));
        assertEquals(RELYING_PARTY, pages.allow(true));
        assertEquals("2", first.validate(first.exchange(first.code(first.response(app.next())))).getSubject().getValue());

        browser.clearCookies(); // signed out: a new login, but the consent is the server's to remember
        var second = mvc("openid profile");
        assertEquals(LOGIN, start(second));
        assertEquals(RELYING_PARTY, pages.signIn("bob", "bob"), "no consent page the second time");
        var tokens = second.exchange(second.code(second.response(app.next())));
        assertEquals("2", second.validate(tokens).getSubject().getValue());
        assertEquals("Bob Smith", second.userInfo(tokens.getAccessToken()).getName(), "the remembered scopes are granted");

        var third = mvc("openid profile").with(b -> b.prompt(new Prompt(Prompt.Type.CONSENT)));
        assertEquals(CONSENT, start(third), "prompt=consent asks again despite the remembered consent, without a login");
    }

    @Test
    void aClientThatMayNotRememberConsentAsksEveryTime() {
        var first = OidcFlow.confidential(issuer, "consent.once", CONSENT_ONCE_REDIRECT, "openid profile");
        assertEquals(LOGIN, start(first));
        assertEquals(CONSENT, pages.signIn("bob", "bob"));
        assertEquals("Ask Every Time", browser.waitForId("client-name").getText());
        assertFalse(browser.has("remember"), "AllowRememberConsent false: no remember checkbox");
        assertEquals(RELYING_PARTY, pages.allow(true));
        first.code(first.response(app.next()));

        var second = OidcFlow.confidential(issuer, "consent.once", CONSENT_ONCE_REDIRECT, "openid profile");
        assertEquals(CONSENT, start(second), "asked again, within the same session");
    }

    @Test
    void denyingConsentAnswersAccessDenied() {
        var flow = mvc("openid profile");
        assertEquals(LOGIN, start(flow));
        assertEquals(CONSENT, pages.signIn("alice", "alice"));

        assertEquals(RELYING_PARTY, pages.deny());

        assertEquals(OAuth2Error.ACCESS_DENIED.getCode(), flow.error(flow.response(app.next())).getCode());
    }

    @Test
    void cancellingTheLoginAnswersAccessDenied() {
        var flow = spa("openid");
        assertEquals(LOGIN, start(flow));

        assertEquals(RELYING_PARTY, pages.cancelLogin());

        assertEquals(OAuth2Error.ACCESS_DENIED.getCode(), flow.error(flow.response(app.next())).getCode());
    }

    @Test
    void anErrorIsPostedBackWithFormPost() {
        var flow = spa("openid").with(b -> b.responseMode(ResponseMode.FORM_POST));
        assertEquals(LOGIN, start(flow));

        assertEquals(RELYING_PARTY, pages.cancelLogin());

        var received = app.next();
        assertEquals("POST", received.method(), "the error travels as the response mode says");
        assertEquals(OAuth2Error.ACCESS_DENIED.getCode(), flow.error(flow.response(received)).getCode());
    }

    @Test
    void aLoginFormPostedFromAnotherSiteSignsNobodyIn() throws Exception {
        var flow = spa("openid");
        assertEquals(LOGIN, start(flow));
        // What an attacker can learn from a login page of his own: its action and every field, hidden ones included.
        String action = browser.driver().findElement(By.id("login")).getDomProperty("action");
        @SuppressWarnings("unchecked")
        var fields = (List<List<String>>) browser.driver().executeScript(
                "return Array.from(document.getElementById('login').elements).filter(e => e.name)"
                        + ".map(e => [e.name, e.id === 'username' ? 'alice' : e.id === 'password' ? 'alice' : e.value]);");

        browser.clearCookies(); // the victim's browser, which never loaded Gatehouse's login page
        browser.open(URI.create(RelyingParty.ORIGIN + "/attacker"));
        app.forget();
        browser.driver().executeScript("""
                const form = document.createElement('form');
                form.method = 'post';
                form.action = arguments[0];
                for (const [name, value] of arguments[1]) {
                  const input = document.createElement('input');
                  input.type = 'hidden'; input.name = name; input.value = value;
                  form.appendChild(input);
                }
                document.body.appendChild(form);
                form.submit();
                """, action, fields);
        browser.until("the attacker's page left", d -> d.getCurrentUrl().startsWith(RelyingParty.ORIGIN + "/attacker") ? null : Boolean.TRUE);
        browser.waitForLoad();
        Thread.sleep(300);

        assertTrue(browser.cookie("__Host-gatehouse.session").isEmpty(), "login CSRF: the victim got the attacker's session");
        assertTrue(app.requests().stream().noneMatch(r -> r.parameter("code") != null), "login CSRF: a code was issued");
    }

    // --- the SSO session and prompt -------------------------------------------------------------------

    @Test
    void aSecondClientGetsACodeWithoutTheLoginPage() {
        signedInToSpa();

        var pairwise = OidcFlow.confidential(issuer, "pairwise", PAIRWISE_REDIRECT, "openid profile");
        assertEquals(RELYING_PARTY, start(pairwise), "the session signs alice in to the second client");

        var idToken = pairwise.validate(pairwise.exchange(pairwise.code(pairwise.response(app.next()))));
        assertNotNull(idToken.getSubject());
    }

    @Test
    void pairwiseClientSeesItsOwnSubjectForTheUser() {
        var flow = OidcFlow.confidential(issuer, "pairwise", PAIRWISE_REDIRECT, "openid profile");
        assertEquals(LOGIN, start(flow));
        assertEquals(RELYING_PARTY, pages.signIn("alice", "alice"));
        var tokens = flow.exchange(flow.code(flow.response(app.next())));
        String sub = flow.validate(tokens).getSubject().getValue();

        assertNotEquals("1", sub, "PairWiseSubjectSalt: a pairwise identifier, not the user's subject (OIDC Core §8)");
        assertEquals(sub, flow.userInfo(tokens.getAccessToken()).getSubject().getValue(), "userinfo's sub is the ID token's");
    }

    @Test
    void promptNoneWithoutASessionAnswersLoginRequired() {
        var flow = spa("openid").with(b -> b.prompt(new Prompt(Prompt.Type.NONE)));

        assertEquals(RELYING_PARTY, start(flow), "prompt=none never shows a page");

        assertEquals(OIDCError.LOGIN_REQUIRED.getCode(), flow.error(flow.response(app.next())).getCode());
    }

    @Test
    void promptNoneWithASessionAnswersACode() {
        signedInToSpa();

        var flow = spa("openid profile").with(b -> b.prompt(new Prompt(Prompt.Type.NONE)));
        assertEquals(RELYING_PARTY, start(flow));

        assertEquals("1", flow.validate(flow.exchange(flow.code(flow.response(app.next())))).getSubject().getValue());
    }

    @Test
    void promptLoginAsksForTheLoginDespiteASession() throws Exception {
        var first = spa("openid").with(b -> b.maxAge(600)); // max_age makes auth_time required (OIDC Core §2)
        assertEquals(LOGIN, start(first));
        assertEquals(RELYING_PARTY, pages.signIn("alice", "alice"));
        var firstAuthTime = first.validate(first.exchange(first.code(first.response(app.next())))).getAuthenticationTime();
        Thread.sleep(1_100); // auth_time counts seconds

        var second = spa("openid").with(b -> b.prompt(new Prompt(Prompt.Type.LOGIN)).maxAge(600));
        assertEquals(LOGIN, start(second), "prompt=login re-authenticates");
        assertEquals(RELYING_PARTY, pages.signIn("alice", "alice"));
        var secondAuthTime = second.validate(second.exchange(second.code(second.response(app.next())))).getAuthenticationTime();

        assertNotNull(firstAuthTime, "auth_time with max_age");
        assertNotNull(secondAuthTime, "auth_time with max_age");
        assertTrue(secondAuthTime.after(firstAuthTime), "auth_time is the new login's: " + firstAuthTime + " then " + secondAuthTime);
    }

    @Test
    void loginHintFillsInTheUsername() {
        var flow = spa("openid").with(b -> b.loginHint("bob"));

        assertEquals(LOGIN, start(flow));

        assertEquals("bob", browser.waitForId("username").getDomProperty("value"));
    }

    // --- response modes -------------------------------------------------------------------------------

    @Test
    void formPostResponseModePostsTheCodeToTheClient() {
        var flow = spa("openid").with(b -> b.responseMode(ResponseMode.FORM_POST));
        assertEquals(LOGIN, start(flow));

        assertEquals(RELYING_PARTY, pages.signIn("alice", "alice"));

        var received = app.next();
        assertEquals("POST", received.method());
        assertTrue(received.contentType().startsWith("application/x-www-form-urlencoded"), received.contentType());
        assertNull(received.query(), "nothing in the query with form_post");
        assertEquals("1", flow.validate(flow.exchange(flow.code(flow.response(received)))).getSubject().getValue());
    }

    @Test
    void fragmentResponseModePutsTheCodeInTheFragment() {
        var flow = spa("openid").with(b -> b.responseMode(ResponseMode.FRAGMENT));
        assertEquals(LOGIN, start(flow));

        assertEquals(RELYING_PARTY, pages.signIn("alice", "alice"));

        String address = browser.waitForUrlStartingWith(SPA_REDIRECT + "#");
        var received = app.next();
        assertEquals("/spa/callback", received.path());
        assertNull(received.query(), "the fragment never reaches the server");
        assertEquals("1", flow.validate(flow.exchange(flow.code(flow.response(address)))).getSubject().getValue());
    }

    // --- errors -------------------------------------------------------------------------------------

    @Test
    void unregisteredRedirectUriShowsTheErrorPageAndNeverRedirects() throws Exception {
        var flow = OidcFlow.confidential(issuer, "mvc", RelyingParty.ORIGIN + "/evil", "openid");

        assertEquals(ERROR, start(flow));

        assertTrue(browser.currentUrl().startsWith(issuer + "/"), "the browser stays on Gatehouse: " + browser.currentUrl());
        String code = browser.driver().findElement(By.id("error-code")).getText().trim();
        assertTrue(AUTHORIZATION_ERRORS.contains(code), "an OAuth error code: " + code);
        assertFalse(browser.driver().findElement(By.id("error-description")).getText().isBlank());

        var direct = Http.get(flow.authorizationUri());
        assertAll(
                () -> assertEquals(400, direct.statusCode()),
                () -> assertTrue(direct.headers().firstValue("Location").isEmpty(), "no redirect"),
                () -> assertFramingRefused(direct));
        Thread.sleep(300);
        assertEquals(List.of(), app.requests(), "nothing reached the unregistered URI");
    }

    @Test
    void unknownClientAndMissingClientIdShowTheErrorPage() {
        var unknown = OidcFlow.publicClient(issuer, "no-such-client", SPA_REDIRECT, "openid");
        assertEquals(ERROR, start(unknown));
        String unknownCode = browser.driver().findElement(By.id("error-code")).getText().trim();
        assertTrue(AUTHORIZATION_ERRORS.contains(unknownCode), "an OAuth error code: " + unknownCode);
        assertEquals(400, Http.get(unknown.authorizationUri()).statusCode());

        var missing = URI.create(issuer + "/connect/authorize?response_type=code&scope=openid&redirect_uri="
                + java.net.URLEncoder.encode(SPA_REDIRECT, java.nio.charset.StandardCharsets.UTF_8));
        browser.open(missing);
        assertEquals(ERROR, pages.landing());
        assertEquals("invalid_request", browser.driver().findElement(By.id("error-code")).getText().trim());
        assertEquals(400, Http.get(missing).statusCode());

        assertEquals(List.of(), app.requests(), "an unverified client is never redirected to");
    }

    @Test
    void aFailedLoginSaysTheSameForAnUnknownUserAndAWrongPassword() {
        var flow = spa("openid");
        assertEquals(LOGIN, start(flow));

        assertEquals(LOGIN, pages.signIn("nobody", "alice"));
        var unknownUser = browser.waitForId("error");
        String unknownUserText = unknownUser.getText().trim();
        String unknownUserRole = unknownUser.getAttribute("role");

        assertEquals(LOGIN, pages.signIn("alice", "wrong"));
        var wrongPassword = browser.waitForId("error");

        assertAll(
                () -> assertEquals(INVALID_LOGIN, unknownUserText),
                () -> assertEquals("alert", unknownUserRole),
                () -> assertEquals(INVALID_LOGIN, wrongPassword.getText().trim()),
                () -> assertEquals("alert", wrongPassword.getAttribute("role")),
                () -> assertEquals("", browser.driver().findElement(By.id("password")).getDomProperty("value"),
                        "the password is not sent back"),
                () -> assertEquals(List.of(), app.requests(), "a failed login stays on the login page"));

        assertEquals(RELYING_PARTY, pages.signIn("alice", "alice"), "the same request still succeeds");
        assertEquals("1", flow.validate(flow.exchange(flow.code(flow.response(app.next())))).getSubject().getValue());
    }

    // --- accessibility and headers ----------------------------------------------------------------------

    @Test
    void everyFieldHasALabelAndSignInAndConsentWorkWithTheKeyboardAlone() {
        var flow = mvc("openid profile");
        assertEquals(LOGIN, start(flow));
        assertEquals(List.of(), pages.unlabelledFields(), "login page fields without a <label>");
        assertFalse(java.util.Objects.toString(browser.driver().findElement(By.tagName("html")).getAttribute("lang"), "").isBlank(), "<html lang> (WCAG 3.1.1)");
        assertFalse(browser.driver().getTitle().isBlank(), "a page title (WCAG 2.4.2)");
        assertEquals(List.of(), pages.unnamedButtons(), "login page buttons without a name");

        tabTo("username", 10);
        new Actions(browser.driver()).sendKeys("alice").sendKeys(Keys.TAB).perform();
        assertEquals("password", focused(), "TAB goes from the username to the password");
        browser.leaving("ENTER on the login page", () -> new Actions(browser.driver()).sendKeys("alice").sendKeys(Keys.ENTER).perform());

        assertEquals(CONSENT, pages.landing(), "ENTER in the password field signs in");
        assertEquals(List.of(), pages.unlabelledFields(), "consent page fields without a <label>");
        assertEquals(List.of(), pages.unnamedButtons(), "consent page buttons without a name");
        assertEquals(List.of(), pages.imagesWithoutAlt(), "consent page images without alt (the client's logo)");
        if (browser.driver().findElement(By.id("remember")).isSelected()) {
            tabTo("remember", 30);
            new Actions(browser.driver()).sendKeys(Keys.SPACE).perform(); // alice's consent stays unremembered
            assertFalse(browser.driver().findElement(By.id("remember")).isSelected(), "SPACE toggles the checkbox");
        }
        tabTo("allow", 30);
        browser.leaving("ENTER on allow", () -> new Actions(browser.driver()).sendKeys(Keys.ENTER).perform());

        assertEquals(RELYING_PARTY, pages.landing());
        assertEquals("1", flow.validate(flow.exchange(flow.code(flow.response(app.next())))).getSubject().getValue());
    }

    @Test
    void theSessionCookieIsSecureHttpOnlySameSiteNoneAndPagesRefuseFraming() {
        var flow = spa("openid");
        assertEquals(LOGIN, start(flow));
        var loginPage = Http.get(URI.create(browser.currentUrl()));
        assertEquals(200, loginPage.statusCode(), "the login page, fetched again");
        assertFramingRefused(loginPage);
        assertTrue(loginPage.headers().firstValue("Cache-Control").orElse("").contains("no-store"),
                "Cache-Control of the login page: " + loginPage.headers().firstValue("Cache-Control"));

        assertEquals(RELYING_PARTY, pages.signIn("alice", "alice"));
        var cookie = browser.cookie("__Host-gatehouse.session").orElseThrow(() -> new AssertionError(
                "no __Host-gatehouse.session cookie; the browser holds " + browser.allCookies()));
        assertAll(
                () -> assertEquals("localhost", cookie.get("domain")),
                () -> assertEquals("/", cookie.get("path"), "__Host-: Path=/, no Domain attribute"),
                () -> assertEquals(Boolean.TRUE, cookie.get("secure"), "Secure"),
                () -> assertEquals(Boolean.TRUE, cookie.get("httpOnly"), "HttpOnly"),
                // None, as Duende: OIDC Core §3.1.2.1 requires POST at /connect/authorize, which RPs submit cross-site.
                () -> assertEquals("None", cookie.get("sameSite"), "SameSite=None"));
    }

    // --- refresh tokens -------------------------------------------------------------------------------

    @Test
    void aReusableRefreshTokenRefreshesAgainAndAgain() {
        var flow = mvc("openid profile offline_access");
        assertEquals(LOGIN, start(flow));
        assertEquals(CONSENT, pages.signIn("alice", "alice"));
        assertTrue(browser.has("scope-offline_access"), "offline access is asked for");
        assertEquals(RELYING_PARTY, pages.allow(false));
        var tokens = flow.exchange(flow.code(flow.response(app.next())));
        var original = flow.validate(tokens);
        assertNotNull(tokens.getRefreshToken(), "a refresh token with offline_access");

        var refreshed = OidcFlow.tokens(flow.refreshResponse(tokens.getRefreshToken()));
        var again = OidcFlow.tokens(flow.refreshResponse(tokens.getRefreshToken()));

        if (refreshed.getIDToken() != null) { // OIDC Core §12.2: optional; when sent, about the same authentication
            var renewed = flow.validateRefreshed(refreshed.getIDToken());
            assertAll("refreshed ID token",
                    () -> assertEquals(original.getSubject(), renewed.getSubject()),
                    () -> assertEquals(original.getAudience(), renewed.getAudience()),
                    () -> assertEquals(original.getAuthenticationTime(), renewed.getAuthenticationTime(),
                            "auth_time is the original authentication's"));
        }
        assertAll(
                () -> assertNotEquals(tokens.getAccessToken(), refreshed.getAccessToken(), "a new access token"),
                () -> assertEquals("Alice Smith", flow.userInfo(refreshed.getAccessToken()).getName()),
                () -> assertEquals(tokens.getRefreshToken(), refreshed.getRefreshToken(), "RefreshTokenUsage ReUse: the same handle"),
                () -> assertNotEquals(refreshed.getAccessToken(), again.getAccessToken()),
                () -> assertEquals("1", flow.userInfo(again.getAccessToken()).getSubject().getValue()));
    }

    @Test
    void aOneTimeRefreshTokenReplayedFailsAndRevokesItsSuccessor() {
        var flow = spa("openid api1 offline_access");
        assertEquals(LOGIN, start(flow));
        assertEquals(RELYING_PARTY, pages.signIn("alice", "alice"));
        var tokens = flow.exchange(flow.code(flow.response(app.next())));
        var first = tokens.getRefreshToken();
        assertNotNull(first, "a refresh token with offline_access");

        var rotated = OidcFlow.tokens(flow.refreshResponse(first));
        var second = rotated.getRefreshToken();
        assertNotNull(second, "OneTimeOnly: a new refresh token");
        assertNotEquals(first, second);

        var replay = flow.refreshResponse(first);
        var afterReplay = flow.refreshResponse(second);

        assertAll(
                () -> assertEquals(400, replay.getStatusCode()),
                () -> assertEquals(OAuth2Error.INVALID_GRANT.getCode(), OidcFlow.tokenError(replay).getCode()),
                () -> assertEquals(400, afterReplay.getStatusCode(), "the replay revoked the family (RFC 9700 §4.14.2)"),
                () -> assertEquals(OAuth2Error.INVALID_GRANT.getCode(), OidcFlow.tokenError(afterReplay).getCode()));
    }

    // --- more of the protocol ----------------------------------------------------------------------------

    @Test
    void theAuthorizationRequestMayBePosted() {
        var flow = spa("openid profile").state(new State("a b&c=d/é?#+%"));
        browser.open(URI.create(RelyingParty.ORIGIN + "/spa/")); // the application's page posts the request
        app.forget();
        browser.driver().executeScript("""
                const form = document.createElement('form');
                form.method = 'post';
                form.action = arguments[0];
                for (const [name, values] of Object.entries(arguments[1])) {
                  for (const value of values) {
                    const input = document.createElement('input');
                    input.type = 'hidden'; input.name = name; input.value = value;
                    form.appendChild(input);
                  }
                }
                document.body.appendChild(form);
                form.submit();
                """, issuer + "/connect/authorize", flow.authorizationParameters());

        assertEquals(LOGIN, pages.landing());
        assertEquals(RELYING_PARTY, pages.signIn("alice", "alice"));

        var response = flow.response(app.next());
        assertEquals("a b&c=d/é?#+%", response.getState().getValue(), "state comes back exactly");
        assertEquals("1", flow.validate(flow.exchange(flow.code(response))).getSubject().getValue());
    }

    @Test
    void aScopeUncheckedOnTheConsentPageIsNotGranted() throws Exception {
        var flow = mvc("openid profile api1 api2");
        assertEquals(LOGIN, start(flow));
        assertEquals(CONSENT, pages.signIn("alice", "alice"));
        var api2 = browser.driver().findElement(By.id("scope-api2"));
        assertTrue(api2.isSelected(), "requested scopes start checked");
        api2.click();
        assertFalse(api2.isSelected());
        assertEquals(RELYING_PARTY, pages.allow(false));

        var tokens = flow.exchange(flow.code(flow.response(app.next())));
        flow.validate(tokens);

        var granted = Set.copyOf(tokens.getAccessToken().getScope().toStringList());
        var inToken = Set.of(com.nimbusds.jwt.SignedJWT.parse(tokens.getAccessToken().getValue()).getJWTClaimsSet()
                .getStringClaim("scope").split(" "));
        assertAll(
                () -> assertEquals(Set.of("openid", "profile", "api1"), granted, "the token response's scope (RFC 6749 §5.1)"),
                () -> assertEquals(Set.of("openid", "profile", "api1"), inToken, "the access token's scope"));
    }

    @Test
    void promptNoneWhenConsentIsNeededAnswersConsentRequired() {
        signedInToSpa();

        var flow = mvc("openid profile").with(b -> b.prompt(new Prompt(Prompt.Type.NONE)));
        assertEquals(RELYING_PARTY, start(flow), "prompt=none never shows the consent page");

        assertEquals(OIDCError.CONSENT_REQUIRED.getCode(), flow.error(flow.response(app.next())).getCode(), "OIDC Core §3.1.2.6");
    }

    @Test
    void maxAgeZeroAsksForALoginOnceAndThenAnswers() throws Exception {
        signedInToSpa();
        Thread.sleep(1_100);

        var flow = spa("openid").with(b -> b.maxAge(0));
        assertEquals(LOGIN, start(flow), "max_age=0: the session is too old whatever its age");
        assertEquals(RELYING_PARTY, pages.signIn("alice", "alice"), "and the fresh login satisfies it (no loop)");

        var idToken = flow.validate(flow.exchange(flow.code(flow.response(app.next()))));
        assertNotNull(idToken.getAuthenticationTime(), "auth_time with max_age");
    }

    @Test
    void codesExpireAndUserSsoLifetimeForcesANewLogin() throws Exception {
        var flow = OidcFlow.publicClient(issuer, "plain", RelyingParty.ORIGIN + "/plain", "openid");
        assertEquals(LOGIN, start(flow));
        assertEquals(RELYING_PARTY, pages.signIn("alice", "alice"));
        var code = flow.code(flow.response(app.next()));
        long signedIn = System.nanoTime();

        Thread.sleep(3_000); // AuthorizationCodeLifetime 2
        var late = flow.tokenResponse(new com.nimbusds.oauth2.sdk.AuthorizationCodeGrant(code, flow.redirectUri, flow.verifier));
        assertEquals(OAuth2Error.INVALID_GRANT.getCode(), OidcFlow.tokenError(late).getCode(), "an expired code");

        Thread.sleep(Math.max(0, 6_000 - (System.nanoTime() - signedIn) / 1_000_000)); // UserSsoLifetime 5
        var again = OidcFlow.publicClient(issuer, "plain", RelyingParty.ORIGIN + "/plain", "openid");
        assertEquals(LOGIN, start(again), "the session is older than the client's UserSsoLifetime");
        assertEquals(RELYING_PARTY, signedInToSpaStill(), "other clients keep the session");
    }

    /** A new spa request with prompt=none, answered at once when the session still stands. */
    Pages.Page signedInToSpaStill() {
        var flow = spa("openid").with(b -> b.prompt(new Prompt(Prompt.Type.NONE)));
        var page = start(flow);
        flow.code(flow.response(app.next()));
        return page;
    }

    @Test
    void aCodeIsBoundToItsClientAndRedirectUri() {
        var flow = spa("openid");
        assertEquals(LOGIN, start(flow));
        assertEquals(RELYING_PARTY, pages.signIn("alice", "alice"));
        var code = flow.code(flow.response(app.next()));

        var otherRedirect = flow.tokenResponse(new com.nimbusds.oauth2.sdk.AuthorizationCodeGrant(code,
                URI.create(RelyingParty.ORIGIN + "/spa/other"), flow.verifier));
        var otherClient = mvc("openid").tokenResponse(new com.nimbusds.oauth2.sdk.AuthorizationCodeGrant(code,
                flow.redirectUri, flow.verifier));

        assertAll(
                () -> assertEquals(OAuth2Error.INVALID_GRANT.getCode(), OidcFlow.tokenError(otherRedirect).getCode(),
                        "another redirect_uri (RFC 6749 §4.1.3)"),
                () -> assertEquals(OAuth2Error.INVALID_GRANT.getCode(), OidcFlow.tokenError(otherClient).getCode(),
                        "another client (RFC 6749 §4.1.3)"));
    }

    @Test
    void requestValuesAreNeverRenderedAsMarkup() {
        String hint = "\"><img id=\"xss\" src=\"x\">";
        var flow = spa("openid").with(b -> b.loginHint(hint));
        assertEquals(LOGIN, start(flow));
        assertAll(
                () -> assertFalse(browser.has("xss"), "login_hint rendered as markup"),
                () -> assertEquals(hint, browser.waitForId("username").getDomProperty("value")));

        var client = OidcFlow.publicClient(issuer, "<b id=\"xss\">x</b>", SPA_REDIRECT, "openid");
        assertEquals(ERROR, start(client));
        assertFalse(browser.has("xss"), "client_id rendered as markup");
    }

    @Test
    void theConsentPageRefusesFramingAndIsNotCached() {
        var flow = mvc("openid");
        assertEquals(LOGIN, start(flow));
        assertEquals(CONSENT, pages.signIn("alice", "alice"));

        var consent = Http.get(URI.create(browser.currentUrl()), cookieHeader());

        assertEquals(200, consent.statusCode(), "the consent page, fetched again with the browser's cookies: " + consent.body());
        assertTrue(consent.body().contains("id=\"consent\""), consent.body());
        assertFramingRefused(consent);
        assertTrue(consent.headers().firstValue("Cache-Control").orElse("").contains("no-store"),
                "Cache-Control: " + consent.headers().firstValue("Cache-Control"));
    }

    // --- hybrid and implicit --------------------------------------------------------------------------

    @Test
    void hybridFlowSendsTheCodeAndAnIdTokenInTheFragment() throws Exception {
        var flow = OidcFlow.confidential(issuer, "hybrid", HYBRID_REDIRECT, "openid profile")
                .with(b -> b.responseType(new ResponseType(ResponseType.Value.CODE, OIDCResponseTypeValue.ID_TOKEN)));
        assertEquals(LOGIN, start(flow));
        assertEquals(RELYING_PARTY, pages.signIn("alice", "alice"));

        var response = flow.authenticationResponse(browser.waitForUrlStartingWith(HYBRID_REDIRECT + "#"));
        var code = response.getAuthorizationCode();
        assertNotNull(code, "a code");
        assertNull(response.getAccessToken(), "no access token for code id_token");
        var frontChannel = flow.validate(response.getIDToken());
        assertEquals("1", frontChannel.getSubject().getValue());
        assertNotNull(frontChannel.getCodeHash(), "c_hash (OIDC Core §3.3.2.11)");
        AuthorizationCodeValidator.validate(code, JWSAlgorithm.RS256, frontChannel.getCodeHash());

        var tokens = flow.exchange(code);
        assertEquals("1", flow.validate(tokens).getSubject().getValue(), "the same user at the token endpoint (§3.3.3.6)");
    }

    @Test
    void implicitFlowSendsOnlyAnIdTokenAndRefusesAccessTokensThroughTheBrowser() {
        var flow = OidcFlow.publicClient(issuer, "implicit", IMPLICIT_REDIRECT, "openid profile")
                .with(b -> b.responseType(new ResponseType(OIDCResponseTypeValue.ID_TOKEN)).codeChallenge((CodeVerifier) null, null));
        assertEquals(LOGIN, start(flow));
        assertEquals(RELYING_PARTY, pages.signIn("alice", "alice"));

        var response = flow.authenticationResponse(browser.waitForUrlStartingWith(IMPLICIT_REDIRECT + "#"));
        assertNull(response.getAuthorizationCode());
        assertNull(response.getAccessToken());
        var idToken = flow.validate(response.getIDToken());
        assertEquals("1", idToken.getSubject().getValue());
        assertEquals("Alice Smith", idToken.getStringClaim("name"),
                "without an access token the profile claims are in the ID token (OIDC Core §5.4)");

        var withToken = OidcFlow.publicClient(issuer, "implicit", IMPLICIT_REDIRECT, "openid")
                .with(b -> b.responseType(new ResponseType(OIDCResponseTypeValue.ID_TOKEN, ResponseType.Value.TOKEN))
                        .codeChallenge((CodeVerifier) null, null));
        assertEquals(RELYING_PARTY, start(withToken));
        var error = withToken.error(withToken.response(browser.waitForUrlStartingWith(IMPLICIT_REDIRECT + "#")));
        assertEquals(OAuth2Error.UNAUTHORIZED_CLIENT.getCode(), error.getCode(), "AllowAccessTokensViaBrowser is false");
    }

    // --- the session ------------------------------------------------------------------------------------

    @Test
    void aNewLoginStartsANewSessionAndTheOldOneIsDead() {
        signedInToSpa();
        var before = browser.cookie("__Host-gatehouse.session").orElseThrow();

        var again = spa("openid").with(b -> b.prompt(new Prompt(Prompt.Type.LOGIN)));
        assertEquals(LOGIN, start(again));
        assertEquals(RELYING_PARTY, pages.signIn("alice", "alice"));
        again.code(again.response(app.next()));
        var after = browser.cookie("__Host-gatehouse.session").orElseThrow();
        assertNotEquals(before.get("value"), after.get("value"), "a new session handle after a new login (no fixation)");

        browser.clearCookies();
        browser.setCookie(before);
        var silent = spa("openid").with(b -> b.prompt(new Prompt(Prompt.Type.NONE)));
        assertEquals(RELYING_PARTY, start(silent));
        assertEquals(OIDCError.LOGIN_REQUIRED.getCode(), silent.error(silent.response(app.next())).getCode(),
                "the replaced session is ended on the server");
    }

    // --- errors sent back to the client -----------------------------------------------------------------

    @Test
    void aScopeTheClientMayNotHaveIsRefusedAtTheRedirectUri() {
        var flow = spa("openid orders.read");

        assertEquals(RELYING_PARTY, start(flow), "the client and redirect URI are good: the error goes back to it");

        assertEquals(OAuth2Error.INVALID_SCOPE.getCode(), flow.error(flow.response(app.next())).getCode());
    }

    @Test
    void aPublicClientWithoutPkceIsRefusedAtTheRedirectUri() {
        var flow = spa("openid").with(b -> b.codeChallenge((CodeVerifier) null, null));

        assertEquals(RELYING_PARTY, start(flow));

        assertEquals(OAuth2Error.INVALID_REQUEST.getCode(), flow.error(flow.response(app.next())).getCode(),
                "RequirePkce (RFC 7636 §4.4.1)");
    }

    @Test
    void discoveryAdvertisesTheInteractiveEndpoints() throws Exception {
        var metadata = OIDCProviderMetadata.parse(Http.get(URI.create(issuer + "/.well-known/openid-configuration")).body());

        assertAll(
                () -> assertEquals(URI.create(issuer + "/connect/authorize"), metadata.getAuthorizationEndpointURI()),
                () -> assertEquals(URI.create(issuer + "/connect/userinfo"), metadata.getUserInfoEndpointURI()),
                () -> assertEquals(URI.create(issuer + "/connect/endsession"), metadata.getEndSessionEndpointURI()),
                () -> assertTrue(metadata.getResponseModes().containsAll(List.of(ResponseMode.QUERY, ResponseMode.FRAGMENT,
                        ResponseMode.FORM_POST)), "response_modes_supported: " + metadata.getResponseModes()),
                () -> assertTrue(metadata.getCodeChallengeMethods().contains(CodeChallengeMethod.S256)),
                () -> assertTrue(metadata.getResponseTypes().contains(ResponseType.CODE)),
                () -> assertTrue(metadata.supportsAuthorizationResponseIssuerParam(),
                        "authorization_response_iss_parameter_supported (RFC 9207 §3)"));
    }

    // --- id_token_hint ----------------------------------------------------------------------------------

    @Test
    void promptNoneWithAnotherUsersIdTokenHintDoesNotAnswerForTheSignedInUser() {
        var bobs = spa("openid");
        assertEquals(LOGIN, start(bobs));
        assertEquals(RELYING_PARTY, pages.signIn("bob", "bob"));
        var bobsIdToken = bobs.exchange(bobs.code(bobs.response(app.next()))).getIDToken();

        browser.clearCookies();
        signedInToSpa(); // alice now
        var silent = spa("openid").with(b -> b.prompt(new Prompt(Prompt.Type.NONE)).idTokenHint(bobsIdToken));
        assertEquals(RELYING_PARTY, start(silent));

        var response = silent.response(app.next());
        assertFalse(response.indicatesSuccess(), "a code for alice when the client asked silently about bob (OIDC Core §3.1.2.2: "
                + "the hinted user is not the one signed in, SHOULD answer an error such as login_required)");
        assertEquals(OIDCError.LOGIN_REQUIRED.getCode(), silent.error(response).getCode());
    }

    // --- tampering -------------------------------------------------------------------------------------

    @Test
    void aScopeAddedToTheConsentFormIsNotGranted() throws Exception {
        var flow = mvc("openid profile");
        assertEquals(LOGIN, start(flow));
        assertEquals(CONSENT, pages.signIn("alice", "alice"));
        browser.driver().executeScript("""
                const form = document.getElementById('consent');
                for (const scope of ['api2', 'email', 'offline_access']) {
                  const box = document.createElement('input');
                  box.type = 'checkbox'; box.name = 'scope'; box.value = scope; box.checked = true;
                  form.appendChild(box);
                }
                """);
        assertEquals(RELYING_PARTY, pages.allow(false));

        var response = flow.response(app.next());
        if (response.indicatesSuccess()) {
            var tokens = flow.exchange(flow.code(response));
            flow.validate(tokens);
            var inToken = Set.of(com.nimbusds.jwt.SignedJWT.parse(tokens.getAccessToken().getValue()).getJWTClaimsSet()
                    .getStringClaim("scope").split(" "));
            assertAll(
                    () -> assertEquals(Set.of("openid", "profile"), inToken, "only what the client asked for"),
                    () -> assertNull(tokens.getRefreshToken(), "no refresh token: offline_access was not asked for"),
                    () -> assertNull(flow.userInfo(tokens.getAccessToken()).getEmailAddress(), "email was not asked for"));
        }
    }

    @Test
    void theLoginPageCannotBeTurnedIntoARedirectToAnUnregisteredUri() throws Exception {
        var flow = spa("openid");
        assertEquals(LOGIN, start(flow));
        String login = browser.currentUrl();
        String evil = RelyingParty.ORIGIN + "/evil";
        String tampered = login.replace(java.net.URLEncoder.encode(SPA_REDIRECT, java.nio.charset.StandardCharsets.UTF_8),
                java.net.URLEncoder.encode(evil, java.nio.charset.StandardCharsets.UTF_8));
        org.junit.jupiter.api.Assumptions.assumeFalse(tampered.equals(login), "the login page's address does not carry the request");

        browser.open(URI.create(tampered));
        if (pages.landing() == LOGIN) {
            pages.signIn("alice", "alice");
        }
        Thread.sleep(300);

        assertFalse(browser.currentUrl().startsWith(evil), browser.currentUrl());
        assertTrue(app.requests().stream().noneMatch(r -> r.path().equals("/evil")), "redirected to the unregistered URI");
    }

    // --- helpers ------------------------------------------------------------------------------------

    static void assertFramingRefused(HttpResponse<String> page) {
        var csp = page.headers().allValues("Content-Security-Policy");
        assertTrue(csp.stream().anyMatch(v -> v.replace(" ", "").contains("frame-ancestors'none'")),
                "Content-Security-Policy with frame-ancestors 'none': " + csp);
        assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElse(null), "X-Frame-Options");
    }

    /** The browser's cookies for Gatehouse, as a Cookie header. */
    java.util.Map<String, String> cookieHeader() {
        String cookies = browser.allCookies().stream().filter(c -> "localhost".equals(c.get("domain")))
                .map(c -> c.get("name") + "=" + c.get("value")).collect(java.util.stream.Collectors.joining("; "));
        return java.util.Map.of("Cookie", cookies);
    }

    String focused() {
        return browser.driver().switchTo().activeElement().getAttribute("id");
    }

    /** Presses TAB (at most {@code max} times) until the element with this id has the focus. */
    void tabTo(String id, int max) {
        var seen = new ArrayList<String>();
        for (int i = 0; i <= max; i++) {
            String now = focused();
            if (id.equals(now)) {
                return;
            }
            seen.add(now);
            new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
        }
        throw new AssertionError("#" + id + " not reached with " + max + " TABs; focus went " + seen);
    }
}
