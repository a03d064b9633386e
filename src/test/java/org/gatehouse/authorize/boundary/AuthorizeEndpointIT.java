package org.gatehouse.authorize.boundary;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import com.nimbusds.openid.connect.sdk.validators.AccessTokenValidator;
import com.nimbusds.openid.connect.sdk.validators.AuthorizationCodeValidator;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.gatehouse.testing.GatehouseWar;
import org.gatehouse.testing.Http;
import org.gatehouse.testing.OAuthClient;
import org.gatehouse.testing.OidcClient;
import org.gatehouse.testing.SignInFlow;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The authorization endpoint black-box, over plain HTTP (no browser: {@link SignInFlow} plays its part),
 * with the Nimbus SDK as the relying party: errors that must not redirect (RFC 6749 §4.1.2.1), errors that
 * go back to the client with state and iss (RFC 9207), the code, hybrid and implicit flows and their
 * response modes, ID tokens (OIDC Core §3.1.3.7, §3.3.2.11), UserInfo (OIDC Core §5.3, RFC 6750), pairwise
 * subjects (§8) and RP-Initiated Logout. Users alice/alice ("1") and bob/bob ("2");
 * clients of src/test/resources/it/appsettings.json.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AuthorizeEndpointIT {

    /** Characters that need encoding in a query, a fragment and HTML, to see state come back exactly (RFC 6749 §4.1.2). */
    private static final String STATE = "st " + UUID.randomUUID() + " &=/?#%+é\"<'";
    private static final String NONCE = "n-" + UUID.randomUUID();

    @Deployment(testable = false)
    static WebArchive gatehouse() {
        return GatehouseWar.atRoot();
    }

    @ArquillianResource
    URL base;

    OidcClient oidc;
    SignInFlow browser;

    @BeforeEach
    void setUp() {
        oidc = new OidcClient(base);
        browser = new SignInFlow(base);
    }

    @Test
    void discoveryAdvertisesTheInteractiveEndpointsAndRfc9207() throws Exception { // OIDC Discovery §3, RFC 9207 §3
        var metadata = com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata.resolve(new com.nimbusds.oauth2.sdk.id.Issuer(oidc.issuer));
        assertAll(
                () -> assertEquals(oidc.authorizationEndpoint, metadata.getAuthorizationEndpointURI()),
                () -> assertEquals(oidc.userInfoEndpoint, metadata.getUserInfoEndpointURI()),
                () -> assertEquals(oidc.endSessionEndpoint, metadata.getEndSessionEndpointURI()),
                () -> assertTrue(metadata.supportsAuthorizationResponseIssuerParam(), "authorization_response_iss_parameter_supported"),
                () -> assertTrue(metadata.getCodeChallengeMethods().contains(com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod.S256)),
                () -> assertTrue(metadata.getResponseTypes().stream().map(Object::toString).toList()
                        .containsAll(List.of("code", "id_token", "code id_token token")), metadata.getResponseTypes().toString()),
                () -> assertTrue(metadata.getGrantTypes().contains(com.nimbusds.oauth2.sdk.GrantType.AUTHORIZATION_CODE)),
                () -> assertTrue(metadata.getGrantTypes().contains(com.nimbusds.oauth2.sdk.GrantType.REFRESH_TOKEN)));
    }

    // --- RFC 6749 §4.1.2.1 / §3.1.2.4: errors that must not redirect --------------------------------------

    @Test
    void unknownClientGetsTheErrorPageNeverARedirect() {
        assertErrorPage(browser.get(oidc.authorize("client_id", "no-such-client", "redirect_uri", redirect("spa"),
                "response_type", "code", "scope", "openid", "state", STATE)));
    }

    @Test
    void missingRedirectUriGetsTheErrorPage() { // OIDC Core §3.1.2.1: redirect_uri REQUIRED
        assertErrorPage(browser.get(oidc.authorize("client_id", "spa", "response_type", "code", "scope", "openid",
                "state", STATE, "code_challenge", OidcClient.s256(new CodeVerifier()), "code_challenge_method", "S256")));
    }

    @Test
    void unregisteredRedirectUriGetsTheErrorPageEvenIfItDiffersOnlyInCaseOrSlash() {
        // RFC 6749 §3.1.2.3 and RFC 9700 §4.1.3: exact string matching.
        var variants = List.of("https://attacker.example/spa/callback", "http://127.0.0.1:18480/SPA/callback",
                "http://127.0.0.1:18480/spa/Callback", "http://127.0.0.1:18480/spa/callback/", "HTTP://127.0.0.1:18480/spa/callback",
                "http://127.0.0.1:18480/spa/callback?x=1", "http://127.0.0.1:18480/spa/", "http://127.0.0.1:18481/spa/callback",
                "http://localhost:18480/spa/callback", redirect("mvc"));
        assertAll(variants.stream().map(uri -> () -> assertErrorPage(browser.get(oidc.authorize("client_id", "spa",
                "redirect_uri", uri, "response_type", "code", "scope", "openid", "state", STATE,
                "code_challenge", OidcClient.s256(new CodeVerifier()), "code_challenge_method", "S256")), uri)));
    }

    @Test
    void repeatedClientIdGetsTheErrorPage() { // RFC 6749 §3.1: parameters MUST NOT be included more than once
        assertErrorPage(browser.get(oidc.authorize("client_id", "spa", "client_id", "spa", "redirect_uri", redirect("spa"),
                "response_type", "code", "scope", "openid", "state", STATE,
                "code_challenge", OidcClient.s256(new CodeVerifier()), "code_challenge_method", "S256")));
    }

    // --- RFC 6749 §4.1.2.1 / OIDC Core §3.1.2.6: errors sent back to the client, with state and iss ----------

    @Test
    void repeatedParameterIsInvalidRequest() { // RFC 6749 §3.1, §4.1.2.1
        var error = errorRedirect("spa", "response_type", "code", "scope", "openid", "scope", "openid",
                "code_challenge", OidcClient.s256(new CodeVerifier()), "code_challenge_method", "S256");
        assertEquals("invalid_request", error.get("error"));
    }

    @Test
    void accessTokenThroughTheBrowserIsUnauthorizedClientWithoutAllowAccessTokensViaBrowser() { // OIDC Core §3.2.2.1
        var error = errorRedirect("implicit", "response_type", "id_token token", "scope", "openid", "nonce", NONCE);
        assertEquals("unauthorized_client", error.get("error"));
    }

    @Test
    void unsupportedResponseTypeIsReturnedToTheClient() {
        var error = errorRedirect("spa", "response_type", "foo", "scope", "openid");
        assertEquals("unsupported_response_type", error.get("error"));
    }

    @Test
    void responseTypeTheClientMayNotUseIsUnauthorizedClient() { // spa may use code only, not implicit
        var error = errorRedirect("spa", "response_type", "id_token", "scope", "openid", "nonce", NONCE);
        assertEquals("unauthorized_client", error.get("error"));
    }

    @Test
    void missingCodeChallengeIsInvalidRequestWhenTheClientRequiresPkce() { // RFC 7636 §4.4.1
        var error = errorRedirect("spa", "response_type", "code", "scope", "openid");
        assertEquals("invalid_request", error.get("error"));
    }

    @Test
    void plainPkceIsInvalidRequestForAClientWithoutAllowPlainTextPkce() { // RFC 7636 §4.4.1, §4.2; RFC 9700 §2.1.1
        String verifier = new CodeVerifier().getValue();
        var explicit = errorRedirect("spa", "response_type", "code", "scope", "openid", "code_challenge", verifier,
                "code_challenge_method", "plain");
        var defaulted = errorRedirect("spa", "response_type", "code", "scope", "openid", "code_challenge", verifier);
        assertEquals("invalid_request", explicit.get("error"));
        assertEquals("invalid_request", defaulted.get("error"), "no method means plain (RFC 7636 §4.3)");
    }

    @Test
    void unknownCodeChallengeMethodIsInvalidRequest() { // RFC 7636 §4.3, §4.4.1
        var error = errorRedirect("spa", "response_type", "code", "scope", "openid",
                "code_challenge", OidcClient.s256(new CodeVerifier()), "code_challenge_method", "S512");
        assertEquals("invalid_request", error.get("error"));
    }

    @Test
    void unknownScopeIsInvalidScope() { // RFC 6749 §4.1.2.1
        var error = errorRedirect("spa", "response_type", "code", "scope", "openid no.such.scope",
                "code_challenge", OidcClient.s256(new CodeVerifier()), "code_challenge_method", "S256");
        assertEquals("invalid_scope", error.get("error"));
    }

    @Test
    void offlineAccessIsInvalidScopeForAClientWithoutAllowOfflineAccess() {
        var error = errorRedirect("pairwise", "response_type", "code", "scope", "openid offline_access",
                "code_challenge", OidcClient.s256(new CodeVerifier()), "code_challenge_method", "S256");
        assertEquals("invalid_scope", error.get("error"));
    }

    @Test
    void promptNoneWithoutASessionIsLoginRequired() { // OIDC Core §3.1.2.6
        var error = errorRedirect("spa", "response_type", "code", "scope", "openid", "prompt", "none",
                "code_challenge", OidcClient.s256(new CodeVerifier()), "code_challenge_method", "S256");
        assertEquals("login_required", error.get("error"));

        var withoutState = redirectedError(browser.get(oidc.authorize("client_id", "spa", "redirect_uri", redirect("spa"),
                "response_type", "code", "scope", "openid", "prompt", "none",
                "code_challenge", OidcClient.s256(new CodeVerifier()), "code_challenge_method", "S256")), "spa");
        assertFalse(withoutState.containsKey("state"), "no state in the request, none in the response: " + withoutState);
    }

    @Test
    void promptNoneWhenTheSessionIsTooOldForMaxAgeIsLoginRequired() throws Exception { // OIDC Core §3.1.2.1, §3.1.2.6
        codeFlow("spa", "openid", "alice");
        Sleep.atLeastOneSecond();
        var error = errorRedirect("spa", "response_type", "code", "scope", "openid", "prompt", "none", "max_age", "0",
                "code_challenge", OidcClient.s256(new CodeVerifier()), "code_challenge_method", "S256");
        assertEquals("login_required", error.get("error"));
    }

    @Test
    void promptNoneWithASessionButNoConsentIsConsentRequired() { // OIDC Core §3.1.2.6
        codeFlow("spa", "openid", "bob"); // signs bob in; spa asks no consent
        assertTrue(browser.hasSession());

        var error = errorRedirect("mvc", "response_type", "code", "scope", "openid api2", "prompt", "none",
                "code_challenge", OidcClient.s256(new CodeVerifier()), "code_challenge_method", "S256");
        assertEquals("consent_required", error.get("error"));
    }

    @Test
    void responseModeQueryWithATokenResponseTypeIsInvalidRequest() {
        // OAuth 2.0 Multiple Response Type Encoding Practices §3 and §5: tokens MUST NOT be in the query.
        var error = errorRedirect("hybrid", "response_type", "code id_token token", "scope", "openid", "nonce", NONCE,
                "response_mode", "query");
        assertEquals("invalid_request", error.get("error"));
        assertFalse(error.containsKey("access_token") || error.containsKey("id_token") || error.containsKey("code"));
    }

    @Test
    void anUnsignedRequestObjectAndAnUnregisteredRequestUriAreRefused() { // RFC 9101 §6.2; signed ones: RequestObjectsIT
        var request = errorRedirect("spa", "response_type", "code", "scope", "openid", "request", "eyJhbGciOiJub25lIn0.e30.",
                "code_challenge", OidcClient.s256(new CodeVerifier()), "code_challenge_method", "S256");
        var requestUri = errorRedirect("spa", "response_type", "code", "scope", "openid",
                "request_uri", "https://client.example/request.jwt",
                "code_challenge", OidcClient.s256(new CodeVerifier()), "code_challenge_method", "S256");
        assertEquals("invalid_request_object", request.get("error"));
        assertEquals("invalid_request_uri", requestUri.get("error"));
    }

    @Test
    void hugeStateIsInvalidRequest() {
        String huge = "s".repeat(2001);
        var response = browser.get(oidc.authorize("client_id", "spa", "redirect_uri", redirect("spa"), "response_type", "code",
                "scope", "openid", "state", huge, "code_challenge", OidcClient.s256(new CodeVerifier()),
                "code_challenge_method", "S256"));
        var error = redirectedError(response, "spa");
        assertEquals("invalid_request", error.get("error"));
        assertEquals(oidc.issuer, error.get("iss"));
    }

    @Test
    void implicitWithoutNonceIsInvalidRequestInTheFragment() { // OIDC Core §3.2.2.1: nonce REQUIRED
        var response = browser.get(oidc.authorize("client_id", "implicit", "redirect_uri", redirect("implicit"),
                "response_type", "id_token", "scope", "openid", "state", STATE));
        var location = browser.location(response);
        assertNotNull(location.getRawFragment(), "the implicit flow's default response mode is fragment: " + location);
        var error = redirectedError(response, "implicit");
        assertEquals("invalid_request", error.get("error"));
        assertEquals(STATE, error.get("state"));
    }

    // --- happy paths -----------------------------------------------------------------------------------

    @Test
    void publicSpaGetsCodeWithPkceS256AndValidTokens() throws Exception { // RFC 6749 §4.1, RFC 7636, OIDC Core §3.1
        var verifier = new CodeVerifier();
        Instant before = Instant.now().minusSeconds(1);
        var response = OidcClient.success(browser.authorize(oidc.authorize("client_id", "spa", "redirect_uri", redirect("spa"),
                "response_type", "code", "scope", "openid profile offline_access", "state", STATE, "nonce", NONCE,
                "code_challenge", OidcClient.s256(verifier), "code_challenge_method", "S256"), "alice", "alice"));
        Instant after = Instant.now().plusSeconds(1);

        assertAll(
                () -> assertEquals(STATE, response.getState().getValue()),
                () -> assertEquals(oidc.issuer, response.getIssuer().getValue(), "RFC 9207 iss"),
                () -> assertNotNull(response.getAuthorizationCode()),
                () -> assertNull(response.getIDToken()),
                () -> assertNull(response.getAccessToken()));

        var tokens = OidcClient.tokens(oidc.exchange("spa", response.getAuthorizationCode(), OidcClient.redirectUri("spa"), verifier));
        assertNotNull(tokens.getOIDCTokens().getRefreshToken(), "offline_access gives a refresh token");
        assertEquals("Bearer", tokens.getOIDCTokens().getAccessToken().getType().getValue());
        var claims = oidc.validate("spa", tokens.getOIDCTokens().getIDTokenString(), NONCE);
        assertAll(
                () -> assertEquals("1", claims.getSubject().getValue()),
                () -> assertNotNull(claims.getAuthenticationTime(), "auth_time"),
                () -> assertFalse(claims.getAuthenticationTime().toInstant().isBefore(before.minusSeconds(1))),
                () -> assertFalse(claims.getAuthenticationTime().toInstant().isAfter(after)),
                () -> assertNotNull(claims.getSessionID(), "sid"),
                () -> assertEquals(List.of("pwd"), claims.getStringListClaim("amr"), "RFC 8176 pwd"));
    }

    @Test
    void authorizationRequestByPostIsAcceptedToo() { // OIDC Core §3.1.2.1: GET and POST MUST be supported
        var verifier = new CodeVerifier();
        var response = browser.post(oidc.authorizationEndpoint.toString(), List.of("client_id", "spa", "redirect_uri",
                redirect("spa"), "response_type", "code", "scope", "openid", "state", STATE,
                "code_challenge", OidcClient.s256(verifier), "code_challenge_method", "S256"));
        assertEquals(302, response.statusCode(), response.body());
        assertEquals("/account/login", browser.location(response).getPath(), "on to sign-in");
    }

    @Test
    void promptLoginAndMaxAgeZeroAskForTheUserAgainDespiteTheSession() { // OIDC Core §3.1.2.1 prompt, max_age
        codeFlow("spa", "openid", "alice");
        for (var extra : List.of(List.of("prompt", "login"), List.of("max_age", "0"))) {
            Sleep.atLeastOneSecond(); // auth_time has a resolution of seconds
            var parameters = new java.util.ArrayList<>(List.of("client_id", "spa", "redirect_uri", redirect("spa"),
                    "response_type", "code", "scope", "openid", "state", STATE,
                    "code_challenge", OidcClient.s256(new CodeVerifier()), "code_challenge_method", "S256"));
            parameters.addAll(extra);
            var response = browser.get(oidc.authorize(parameters.toArray(String[]::new)));
            assertEquals(302, response.statusCode(), extra + " " + response.body());
            assertEquals("/account/login", browser.location(response).getPath(), extra + ": sign in again");
        }
    }

    @Test
    void confidentialMvcAsksConsentOnceWhenRemembered() throws Exception { // Duende RequireConsent, OIDC Core §3.1.2.4
        var verifier = new CodeVerifier();
        var request = oidc.authorize("client_id", "mvc", "redirect_uri", redirect("mvc"), "response_type", "code",
                "scope", "openid profile email api1 offline_access", "state", STATE, "nonce", NONCE, "prompt", "consent",
                "code_challenge", OidcClient.s256(verifier), "code_challenge_method", "S256");
        var loginPage = browser.get(browser.location(browser.get(request)));
        var afterLogin = browser.get(browser.location(browser.login(loginPage, "alice", "alice")));
        assertEquals("/account/consent", browser.location(afterLogin).getPath(), "prompt=consent shows the consent page");
        var consentPage = browser.get(browser.location(afterLogin));
        assertEquals(200, consentPage.statusCode());
        assertTrue(consentPage.body().contains("Sample MVC"), consentPage.body());

        var first = OidcClient.success(browser.consent(consentPage, "allow", true));
        var tokens = OidcClient.tokens(oidc.exchange("mvc", first.getAuthorizationCode(), OidcClient.redirectUri("mvc"), verifier));
        assertEquals("1", oidc.validate("mvc", tokens.getOIDCTokens().getIDTokenString(), NONCE).getSubject().getValue());
        assertNotNull(tokens.getOIDCTokens().getRefreshToken());

        var secondVerifier = new CodeVerifier();
        var second = browser.get(oidc.authorize("client_id", "mvc", "redirect_uri", redirect("mvc"), "response_type", "code",
                "scope", "openid profile email api1 offline_access", "state", STATE, "nonce", NONCE,
                "code_challenge", OidcClient.s256(secondVerifier), "code_challenge_method", "S256"));
        var code = OidcClient.success(second).getAuthorizationCode(); // straight back: no login, no consent
        OidcClient.tokens(oidc.exchange("mvc", code, OidcClient.redirectUri("mvc"), secondVerifier));
    }

    @Test
    void consentDeniedIsAccessDenied() { // RFC 6749 §4.1.2.1
        var request = oidc.authorize("client_id", "mvc", "redirect_uri", redirect("mvc"), "response_type", "code",
                "scope", "openid profile", "state", STATE, "prompt", "consent",
                "code_challenge", OidcClient.s256(new CodeVerifier()), "code_challenge_method", "S256");
        var loginPage = browser.get(browser.location(browser.get(request)));
        var consentPage = browser.get(browser.location(browser.get(browser.location(browser.login(loginPage, "bob", "bob")))));
        var error = redirectedError(browser.consent(consentPage, "deny", false), "mvc");
        assertEquals("access_denied", error.get("error"));
        assertEquals(STATE, error.get("state"));
    }

    @Test
    void hybridCodeIdTokenTokenInTheFragmentWithValidHashes() throws Exception { // OIDC Core §3.3
        var redirect = browser.authorize(oidc.authorize("client_id", "hybrid", "redirect_uri", redirect("hybrid"),
                "response_type", "code id_token token", "scope", "openid profile api1", "state", STATE, "nonce", NONCE),
                "alice", "alice");
        var location = browser.location(redirect);
        assertNull(location.getRawQuery(), "nothing in the query (Multiple Response Types §3)");
        assertNotNull(location.getRawFragment());
        var response = OidcClient.success(redirect);
        assertEquals(oidc.issuer, response.getIssuer().getValue());
        assertEquals(STATE, response.getState().getValue());

        var claims = oidc.validate("hybrid", response.getIDToken().serialize(), NONCE);
        assertNotNull(claims.getCodeHash(), "c_hash (§3.3.2.11)");
        assertNotNull(claims.getAccessTokenHash(), "at_hash (§3.3.2.11)");
        AuthorizationCodeValidator.validate(response.getAuthorizationCode(), JWSAlgorithm.RS256, claims.getCodeHash());
        AccessTokenValidator.validate(response.getAccessToken(), JWSAlgorithm.RS256, claims.getAccessTokenHash());
        assertEquals("1", claims.getSubject().getValue());

        var tokens = OidcClient.tokens(oidc.exchange("hybrid", response.getAuthorizationCode(), OidcClient.redirectUri("hybrid"), null));
        var backChannel = oidc.validate("hybrid", tokens.getOIDCTokens().getIDTokenString(), NONCE);
        assertEquals(claims.getSubject(), backChannel.getSubject(), "§3.3.3.6: the same sub");
    }

    @Test
    void hybridCodeIdTokenHasACodeHashAndNoAccessToken() throws Exception { // OIDC Core §3.3.2.11: c_hash REQUIRED
        var response = OidcClient.success(browser.authorize(oidc.authorize("client_id", "hybrid", "redirect_uri",
                redirect("hybrid"), "response_type", "code id_token", "scope", "openid", "state", STATE, "nonce", NONCE),
                "alice", "alice"));
        assertNull(response.getAccessToken());
        var claims = oidc.validate("hybrid", response.getIDToken().serialize(), NONCE);
        assertNotNull(claims.getCodeHash());
        AuthorizationCodeValidator.validate(response.getAuthorizationCode(), JWSAlgorithm.RS256, claims.getCodeHash());
        assertNull(claims.getAccessTokenHash());
    }

    @Test
    void implicitIdTokenCarriesTheClaimsAndNoAccessToken() throws Exception { // OIDC Core §3.2.2.5, §5.4
        var redirect = browser.authorize(oidc.authorize("client_id", "implicit", "redirect_uri", redirect("implicit"),
                "response_type", "id_token", "scope", "openid profile", "state", STATE, "nonce", NONCE), "alice", "alice");
        var response = OidcClient.success(redirect);
        assertAll(
                () -> assertNull(response.getAccessToken()),
                () -> assertNull(response.getAuthorizationCode()),
                () -> assertNotNull(response.getIDToken()),
                () -> assertEquals(STATE, response.getState().getValue()),
                () -> assertEquals(oidc.issuer, response.getIssuer().getValue(), "RFC 9207 iss"));
        var claims = oidc.validate("implicit", response.getIDToken().serialize(), NONCE);
        assertAll(
                () -> assertEquals("1", claims.getSubject().getValue()),
                () -> assertEquals("Alice Smith", claims.getStringClaim("name")),
                () -> assertNull(claims.getAccessTokenHash(), "no at_hash without an access token"));
    }

    @Test
    void formPostAnswersWithAFormThatPostsCodeStateAndIss() throws Exception { // OAuth 2.0 Form Post Response Mode §2
        var verifier = new CodeVerifier();
        var page = browser.authorize(oidc.authorize("client_id", "spa", "redirect_uri", redirect("spa"), "response_type", "code",
                "scope", "openid", "state", STATE, "response_mode", "form_post",
                "code_challenge", OidcClient.s256(verifier), "code_challenge_method", "S256"), "alice", "alice");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Location").isEmpty());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        var form = Pattern.compile("<form method=\"post\" action=\"([^\"]*)\"").matcher(page.body());
        assertTrue(form.find(), page.body());
        assertEquals(redirect("spa"), SignInFlow.unescape(form.group(1)));

        var fields = SignInFlow.hiddenInputs(page.body());
        assertEquals(List.of(STATE), fields.get("state"));
        assertEquals(List.of(oidc.issuer), fields.get("iss"));
        var response = AuthenticationResponseParser.parse(OidcClient.redirectUri("spa"), fields).toSuccessResponse();
        OidcClient.tokens(oidc.exchange("spa", response.getAuthorizationCode(), OidcClient.redirectUri("spa"), verifier));
    }

    // --- UserInfo (OIDC Core §5.3, RFC 6750) -----------------------------------------------------------

    @Test
    void userInfoByGetWithBearerHeaderAndByPostWithFormGivesTheClaimsOfTheScopes() throws Exception {
        String token = codeFlow("mvc", "openid profile email", "alice").getOIDCTokens().getAccessToken().getValue();

        var byGet = userInfo(new UserInfoRequest(oidc.userInfoEndpoint, new BearerAccessToken(token)).toHTTPRequest());
        var post = new HTTPRequest(HTTPRequest.Method.POST, oidc.userInfoEndpoint);
        post.setContentType("application/x-www-form-urlencoded");
        post.setBody("access_token=" + token);
        var byPost = userInfo(post);

        for (var info : List.of(byGet, byPost)) {
            assertAll(
                    () -> assertEquals("1", info.getSubject().getValue()),
                    () -> assertEquals("Alice Smith", info.getName(), "profile"),
                    () -> assertEquals("AliceSmith@example.com", info.getEmailAddress(), "email"));
        }
    }

    @Test
    void userInfoGivesOnlyTheClaimsOfTheGrantedScopes() throws Exception { // OIDC Core §5.4
        String token = codeFlow("spa", "openid profile", "alice").getOIDCTokens().getAccessToken().getValue();
        var info = userInfo(new UserInfoRequest(oidc.userInfoEndpoint, new BearerAccessToken(token)).toHTTPRequest());
        assertEquals("Alice Smith", info.getName());
        assertNull(info.getEmailAddress(), "no email scope, no email");
    }

    @Test
    void userInfoGivesTheClaimsOfACustomIdentityResource() throws Exception {
        String token = codeFlow("mvc", "openid custom.badge", "alice").getOIDCTokens().getAccessToken().getValue();
        var info = userInfo(new UserInfoRequest(oidc.userInfoEndpoint, new BearerAccessToken(token)).toHTTPRequest());
        assertEquals("A-1", info.getStringClaim("badge"), "custom.badge's UserClaims [badge]: " + info.toJSONObject());
        assertNull(info.getName(), "no profile scope");
    }

    @Test
    void userInfoWithoutATokenIsAChallengeWithoutErrorCode() { // RFC 6750 §3.1
        var response = Http.get(oidc.userInfoEndpoint);
        String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
        assertAll(
                () -> assertEquals(401, response.statusCode()),
                () -> assertTrue(challenge.startsWith("Bearer"), challenge),
                () -> assertFalse(challenge.contains("error="), challenge));
    }

    @Test
    void userInfoWithABadTokenIsInvalidToken() { // RFC 6750 §3.1
        var response = Http.get(oidc.userInfoEndpoint, "not-a-token");
        assertEquals(401, response.statusCode());
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").contains("error=\"invalid_token\""),
                response.headers().map().toString());
    }

    @Test
    void userInfoWithAClientTokenWithoutOpenidIsInsufficientScope() { // RFC 6750 §3.1, OIDC Core §5.3.3
        String token = new OAuthClient(oidc.issuer).accessToken("client", "api1");
        var response = Http.get(oidc.userInfoEndpoint, token);
        assertEquals(403, response.statusCode());
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").contains("error=\"insufficient_scope\""),
                response.headers().map().toString());
    }

    @Test
    void userInfoWithTheTokenInHeaderAndFormIsInvalidRequest() { // RFC 6750 §2: more than one method
        String token = codeFlow("spa", "openid", "alice").getOIDCTokens().getAccessToken().getValue();
        var response = Http.post(oidc.userInfoEndpoint, "application/x-www-form-urlencoded", "access_token=" + token,
                Map.of("Authorization", "Bearer " + token));
        assertEquals(400, response.statusCode());
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").contains("error=\"invalid_request\""),
                response.headers().map().toString());
    }

    // --- pairwise subject identifiers (OIDC Core §8) ------------------------------------------------------

    @Test
    void pairwiseClientSeesItsOwnStableSubjectInIdTokenAndUserInfo() throws Exception {
        var first = codeFlow("pairwise", "openid profile", "alice");
        var second = new AuthorizeEndpointIT.Flow(oidc, new SignInFlow(base)).code("pairwise", "openid profile", "alice");
        String sub = oidc.validate("pairwise", first.getOIDCTokens().getIDTokenString(), NONCE).getSubject().getValue();
        String again = oidc.validate("pairwise", second.getOIDCTokens().getIDTokenString(), NONCE).getSubject().getValue();
        var info = userInfo(new UserInfoRequest(oidc.userInfoEndpoint, first.getOIDCTokens().getBearerAccessToken()).toHTTPRequest());

        assertAll(
                () -> assertNotEquals("1", sub, "not alice's own identifier"),
                () -> assertEquals(sub, again, "the same on every sign-in"),
                () -> assertEquals(sub, info.getSubject().getValue(), "UserInfo's sub is the ID token's (§5.3.2)"));
    }

    // --- RP-Initiated Logout 1.0 ----------------------------------------------------------------------

    @Test
    void endSessionWithIdTokenHintSignsOutAndRedirectsBackWithState() { // RP-Initiated Logout §2, §3
        var tokens = codeFlow("spa", "openid", "alice");
        String oldSession = browser.cookie(SignInFlow.SESSION_COOKIE).orElseThrow();

        var page = browser.get(URI.create(oidc.endSessionEndpoint + "?" + query("id_token_hint",
                tokens.getOIDCTokens().getIDTokenString(), "post_logout_redirect_uri", "http://127.0.0.1:18480/spa/",
                "state", "bye now")));

        assertAll(
                () -> assertEquals(303, page.statusCode(), "spa has no front-channel URI to load first"),
                () -> assertTrue(List.of("http://127.0.0.1:18480/spa/?state=bye%20now", "http://127.0.0.1:18480/spa/?state=bye+now")
                        .contains(page.headers().firstValue("Location").orElse("")), page.headers().toString()),
                () -> assertTrue(page.headers().allValues("Set-Cookie").stream()
                        .anyMatch(c -> c.startsWith(SignInFlow.SESSION_COOKIE + "=") && c.contains("Max-Age=0")),
                        "session cookie cleared: " + page.headers().allValues("Set-Cookie")),
                () -> assertFalse(browser.hasSession()));
        assertEquals("login_required", promptNone().get("error"));

        browser.setCookie(SignInFlow.SESSION_COOKIE, oldSession); // the server ended it too, not just the cookie
        assertEquals("login_required", promptNone().get("error"));
    }

    @Test
    void endSessionWithAnUnregisteredPostLogoutRedirectUriShowsTheErrorPage() { // RP-Initiated Logout §3
        var tokens = codeFlow("spa", "openid", "alice");
        assertErrorPage(browser.get(URI.create(oidc.endSessionEndpoint + "?" + query("id_token_hint",
                tokens.getOIDCTokens().getIDTokenString(), "post_logout_redirect_uri", "https://attacker.example/",
                "state", "x"))));
    }

    @Test
    void endSessionWithAPostLogoutRedirectUriButNoHintOrClientShowsTheErrorPage() { // RP-Initiated Logout §3: MUST NOT redirect
        codeFlow("spa", "openid", "alice");
        var response = browser.get(URI.create(oidc.endSessionEndpoint + "?" + query("post_logout_redirect_uri",
                "http://127.0.0.1:18480/spa/", "state", "x")));
        assertFalse(response.body().contains("post-logout-redirect"), response.body());
        assertErrorPage(response);
    }

    @Test
    void userInfoWithAUserTokenWithoutOpenidIsInsufficientScope() { // OIDC Core §5.3: the openid scope is required
        String token = codeFlow("spa", "api1", "alice").getOIDCTokens().getAccessToken().getValue();
        var response = Http.get(oidc.userInfoEndpoint, token);
        assertEquals(403, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").contains("error=\"insufficient_scope\""));
    }

    @Test
    void endSessionWithoutHintAsksFirstAndSignsOutOnlyWhenConfirmed() { // RP-Initiated Logout §2: SHOULD ask
        codeFlow("spa", "openid", "alice");
        String session = browser.cookie(SignInFlow.SESSION_COOKIE).orElseThrow();

        var confirm = browser.get(oidc.endSessionEndpoint);
        assertEquals(200, confirm.statusCode());
        assertTrue(confirm.body().contains("id=\"sign-out-form\""), confirm.body());
        assertTrue(promptNone().containsKey("code"), "not signed out by the GET");

        var forged = browser.post(oidc.endSessionEndpoint.toString(), List.of("csrf", "forged"));
        assertTrue(forged.body().contains("id=\"sign-out-form\""), "a POST without the CSRF token only asks again");
        assertTrue(promptNone().containsKey("code"), "not signed out by a forged POST");

        var fields = SignInFlow.hiddenInputs(confirm.body());
        var form = new java.util.ArrayList<String>();
        fields.forEach((name, values) -> values.forEach(value -> form.addAll(List.of(name, value))));
        var signedOut = browser.post(oidc.endSessionEndpoint.toString(), form);
        assertEquals(200, signedOut.statusCode());
        assertTrue(signedOut.body().contains("id=\"signed-out\""), signedOut.body());

        browser.setCookie(SignInFlow.SESSION_COOKIE, session);
        assertEquals("login_required", promptNone().get("error"));
    }

    // --- helpers -----------------------------------------------------------------------------------------

    private static final class Sleep {
        static void atLeastOneSecond() {
            try {
                Thread.sleep(1_100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Signs {@code user} in (if needed) in this test's browser, gets a code for the client and redeems it. */
    private com.nimbusds.openid.connect.sdk.OIDCTokenResponse codeFlow(String clientId, String scope, String user) {
        return new Flow(oidc, browser).code(clientId, scope, user);
    }

    /** The code flow with PKCE S256 for any code client, in a given browser. */
    record Flow(OidcClient oidc, SignInFlow browser) {
        com.nimbusds.openid.connect.sdk.OIDCTokenResponse code(String clientId, String scope, String user) {
            var verifier = new CodeVerifier();
            var response = OidcClient.success(browser.authorize(oidc.authorize("client_id", clientId, "redirect_uri",
                    OidcClient.REDIRECT_URIS.get(clientId), "response_type", "code", "scope", scope, "state", STATE,
                    "nonce", NONCE, "code_challenge", OidcClient.s256(verifier), "code_challenge_method", "S256"), user, user));
            return OidcClient.tokens(oidc.exchange(clientId, response.getAuthorizationCode(), OidcClient.redirectUri(clientId),
                    verifier));
        }
    }

    /** prompt=none for spa in this browser: the response parameters (a code, or an error). */
    private Map<String, String> promptNone() {
        var response = browser.get(oidc.authorize("client_id", "spa", "redirect_uri", redirect("spa"), "response_type", "code",
                "scope", "openid", "state", STATE, "prompt", "none",
                "code_challenge", OidcClient.s256(new CodeVerifier()), "code_challenge_method", "S256"));
        assertEquals(302, response.statusCode(), response.body());
        return SignInFlow.parameters(browser.location(response).getRawQuery());
    }

    private UserInfo userInfo(HTTPRequest request) throws Exception {
        HTTPResponse http;
        try {
            http = request.send();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        var response = UserInfoResponse.parse(http);
        if (!response.indicatesSuccess()) {
            throw new AssertionError("UserInfo error: " + http.getStatusCode() + " " + http.getHeaderMap() + " " + http.getBody());
        }
        return response.toSuccessResponse().getUserInfo();
    }

    /** The request to the client with state, the given parameters added, without a session. */
    private Map<String, String> errorRedirect(String clientId, String... parameters) {
        var all = new java.util.ArrayList<>(List.of("client_id", clientId, "redirect_uri", redirect(clientId), "state", STATE));
        all.addAll(List.of(parameters));
        var error = redirectedError(browser.get(oidc.authorize(all.toArray(String[]::new))), clientId);
        assertEquals(STATE, error.get("state"), "RFC 6749 §4.1.2.1: state returned");
        assertEquals(oidc.issuer, error.get("iss"), "RFC 9207 §2: iss on error responses too");
        return error;
    }

    /** An error redirected to the client's registered redirect URI: its parameters (query or fragment). */
    private Map<String, String> redirectedError(HttpResponse<String> response, String clientId) {
        assertEquals(302, response.statusCode(), "a redirect to the client: " + response.body());
        var location = browser.location(response);
        assertEquals(redirect(clientId), location.getScheme() + "://" + location.getRawAuthority() + location.getRawPath(),
                "to the registered redirect URI");
        var parameters = SignInFlow.parameters(location.getRawFragment() != null ? location.getRawFragment() : location.getRawQuery());
        assertNotNull(parameters.get("error"), "an error: " + location);
        assertNotNull(parameters.get("error_description"), "with a description: " + location);
        assertFalse(parameters.containsKey("code"), "no code with an error: " + location);
        return parameters;
    }

    private static void assertErrorPage(HttpResponse<String> response) {
        assertErrorPage(response, "");
    }

    private static void assertErrorPage(HttpResponse<String> response, String what) {
        assertAll(what,
                () -> assertEquals(400, response.statusCode(), what + " " + response.body()),
                () -> assertTrue(response.headers().firstValue("Location").isEmpty(), "never a redirect: " + response.headers().map()),
                () -> assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/html")),
                () -> assertTrue(response.body().contains("id=\"error-code\""), response.body()));
    }

    private static String redirect(String clientId) {
        return OidcClient.REDIRECT_URIS.get(clientId);
    }

    private static String query(String... nameValues) {
        var query = new StringBuilder();
        for (int i = 0; i < nameValues.length; i += 2) {
            query.append(query.length() == 0 ? "" : "&").append(nameValues[i]).append('=')
                    .append(java.net.URLEncoder.encode(nameValues[i + 1], java.nio.charset.StandardCharsets.UTF_8));
        }
        return query.toString();
    }
}
