package org.gatehouse.token.boundary;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
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
 * The token endpoint's authorization code (RFC 6749 §4.1.3, RFC 7636 §4.6) and refresh token (RFC 6749
 * §6, RFC 9700 §4.14) grants, black-box with the Nimbus SDK: every invalid_grant (§5.2), code replay,
 * rotation, down-scoping, lifetimes, and what concurrent presentations of one code or one refresh token
 * leave behind. Codes come from a real sign-in ({@link SignInFlow}, user alice).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CodeAndRefreshIT {

    private static final int THREADS = 8;

    @Deployment(testable = false)
    static WebArchive gatehouse() {
        return GatehouseWar.atRoot();
    }

    @ArquillianResource
    URL base;

    OidcClient oidc;

    @BeforeEach
    void setUp() {
        oidc = new OidcClient(base);
    }

    /** A code and the verifier of its challenge (null for a request without PKCE). */
    record Code(String clientId, AuthorizationCode code, CodeVerifier verifier) {
    }

    // --- authorization code: RFC 6749 §4.1.3, §5.2 -------------------------------------------------------

    @Test
    void codeWithTheRightVerifierGivesTokensThatAreNeverCached() { // RFC 6749 §5.1
        var code = code("spa", "openid");
        var http = oidc.exchange("spa", code.code(), OidcClient.redirectUri("spa"), code.verifier());
        var tokens = OidcClient.tokens(http);
        assertAll(
                () -> assertEquals("no-store", http.getHeaderValue("Cache-Control")),
                () -> assertEquals("1", oidc.validate("spa", tokens.getOIDCTokens().getIDTokenString(), null).getSubject().getValue()),
                () -> assertEquals(null, tokens.getOIDCTokens().getRefreshToken(), "no offline_access, no refresh token"));
    }

    @Test
    void missingRedirectUriIsRefusedWhenTheAuthorizationRequestHadOne() { // RFC 6749 §4.1.3: REQUIRED
        var code = code("spa", "openid");
        var http = oidc.exchange("spa", code.code(), null, code.verifier());
        assertEquals(400, http.getStatusCode(), http.getBody());
        String error = OidcClient.tokenError(http).getCode();
        assertTrue(error.equals("invalid_grant") || error.equals("invalid_request"), error);
    }

    @Test
    void wrongCodeVerifierIsInvalidGrant() { // RFC 7636 §4.6
        var code = code("spa", "openid");
        assertInvalidGrant(oidc.exchange("spa", code.code(), OidcClient.redirectUri("spa"), new CodeVerifier()));
    }

    @Test
    void missingCodeVerifierIsInvalidGrant() { // RFC 7636 §4.6
        var code = code("spa", "openid");
        assertInvalidGrant(oidc.exchange("spa", code.code(), OidcClient.redirectUri("spa"), null));
    }

    @Test
    void codeVerifierWithoutChallengeIsInvalidGrant() { // RFC 9700 §2.1.1 and §4.8.2 (PKCE downgrade)
        var withoutPkce = code("nopkce", "openid");
        assertTrue(withoutPkce.verifier() == null);
        assertInvalidGrant(oidc.exchange("nopkce", withoutPkce.code(), OidcClient.redirectUri("nopkce"), new CodeVerifier()));

        var control = code("nopkce", "openid");
        exchange(control); // the same client without a verifier succeeds
    }

    @Test
    void redirectUriDifferentFromTheAuthorizationRequestIsInvalidGrant() { // RFC 6749 §4.1.3
        var code = code("spa", "openid");
        assertInvalidGrant(oidc.exchange("spa", code.code(), URI.create("http://127.0.0.1:18480/spa/callback/"), code.verifier()));
    }

    @Test
    void codeOfAnotherClientIsInvalidGrant() { // RFC 6749 §4.1.3: issued to the authenticated client
        var spaCode = code("spa", "openid");
        assertInvalidGrant(oidc.exchange("mvc", spaCode.code(), OidcClient.redirectUri("spa"), spaCode.verifier()));
        var nopkceCode = code("nopkce", "openid");
        assertInvalidGrant(oidc.exchange("mvc", nopkceCode.code(), OidcClient.redirectUri("nopkce"), null));
    }

    @Test
    void expiredCodeIsInvalidGrant() throws Exception { // RFC 6749 §4.1.2: short lifetime; plain's is 2 s
        var code = code("plain", "openid");
        Thread.sleep(3_500);
        assertInvalidGrant(oidc.exchange("plain", code.code(), OidcClient.redirectUri("plain"), code.verifier()));
    }

    @Test
    void codeReplayIsInvalidGrantAndRevokesTheRefreshTokenItGave() { // RFC 6749 §4.1.2, §10.5; RFC 9700 §4.5
        var code = code("spa", "openid offline_access");
        var tokens = exchange(code);
        String refreshToken = tokens.getOIDCTokens().getRefreshToken().getValue();

        assertInvalidGrant(oidc.exchange("spa", code.code(), OidcClient.redirectUri("spa"), code.verifier()));
        assertInvalidGrant(oidc.refresh("spa", refreshToken, null));
    }

    @Test
    void codeReplayRevokesTheReferenceAccessTokenItGave() { // RFC 6749 §4.1.2: SHOULD revoke
        var introspection = new OAuthClient(oidc.issuer);
        var code = code("pairwise", "openid profile");
        String accessToken = exchange(code).getOIDCTokens().getAccessToken().getValue();
        assertFalse(accessToken.contains("."), "pairwise has reference tokens");
        assertTrue(introspection.isActive("pairwise", accessToken));
        assertEquals(200, Http.get(oidc.userInfoEndpoint, accessToken).statusCode());

        assertInvalidGrant(oidc.exchange("pairwise", code.code(), OidcClient.redirectUri("pairwise"), code.verifier()));
        assertFalse(introspection.isActive("pairwise", accessToken), "revoked by the replay");
        assertEquals(401, Http.get(oidc.userInfoEndpoint, accessToken).statusCode());
    }

    @Test
    void codeReplayRevokesTheJwtAccessTokenItGave() { // RFC 6749 §4.1.2, RFC 9700 §4.5.3.1; the conformance suite's codereuse
        var code = code("spa", "openid profile");
        String accessToken = exchange(code).getOIDCTokens().getAccessToken().getValue();
        assertTrue(accessToken.contains("."), "spa has JWT access tokens");
        assertEquals(200, Http.get(oidc.userInfoEndpoint, accessToken).statusCode());

        assertInvalidGrant(oidc.exchange("spa", code.code(), OidcClient.redirectUri("spa"), code.verifier()));
        assertEquals(401, Http.get(oidc.userInfoEndpoint, accessToken).statusCode(), "revoked by the replay");
    }

    // --- refresh tokens: RFC 6749 §6 ----------------------------------------------------------------------

    @Test
    void reUseRefreshTokenStaysTheSameAndWorksRepeatedly() { // mvc: RefreshTokenUsage ReUse
        String refreshToken = exchange(code("mvc", "openid api1 offline_access")).getOIDCTokens().getRefreshToken().getValue();
        var accessTokens = new ArrayList<String>();
        for (int i = 0; i < 3; i++) {
            var refreshed = OidcClient.tokens(oidc.refresh("mvc", refreshToken, null));
            assertEquals(refreshToken, refreshed.getOIDCTokens().getRefreshToken().getValue(), "the same handle back");
            accessTokens.add(refreshed.getOIDCTokens().getAccessToken().getValue());
        }
        assertEquals(3, accessTokens.stream().distinct().count(), "a new access token each time");
    }

    @Test
    void idTokenFromARefreshKeepsTheOriginalAuthentication() throws Exception { // OIDC Core §12.2
        var original = exchange(code("spa", "openid offline_access"));
        var first = oidc.validate("spa", original.getOIDCTokens().getIDTokenString(), null);
        var refreshed = OidcClient.tokens(oidc.refresh("spa", original.getOIDCTokens().getRefreshToken().getValue(), null));
        assertNotNull(refreshed.getOIDCTokens().getIDToken(), "an ID token again (openid scope)");
        var again = oidc.validate("spa", refreshed.getOIDCTokens().getIDTokenString(), null);
        assertAll(
                () -> assertEquals(first.getIssuer(), again.getIssuer()),
                () -> assertEquals(first.getSubject(), again.getSubject()),
                () -> assertEquals(first.getAudience(), again.getAudience()),
                () -> assertEquals(first.getAuthenticationTime(), again.getAuthenticationTime(), "auth_time of the original sign-in"));
    }

    @Test
    void oneTimeOnlyRefreshTokenRotatesAndReplayKillsTheFamily() { // spa: OneTimeOnly; RFC 9700 §4.14.2
        String first = exchange(code("spa", "openid offline_access")).getOIDCTokens().getRefreshToken().getValue();
        String second = OidcClient.tokens(oidc.refresh("spa", first, null)).getOIDCTokens().getRefreshToken().getValue();
        assertNotEquals(first, second, "rotated");
        String third = OidcClient.tokens(oidc.refresh("spa", second, null)).getOIDCTokens().getRefreshToken().getValue();
        assertNotEquals(second, third);

        assertInvalidGrant(oidc.refresh("spa", first, null)); // a replay of a used one…
        assertInvalidGrant(oidc.refresh("spa", third, null)); // …revokes the newest too
    }

    @Test
    void refreshMayNarrowTheScopeButNotWidenIt() { // RFC 6749 §6: scope MUST NOT include any scope not originally granted
        String refreshToken = exchange(code("mvc", "openid profile api1 offline_access")).getOIDCTokens().getRefreshToken().getValue();

        var narrowed = OidcClient.tokens(oidc.refresh("mvc", refreshToken, new Scope("openid", "api1")));
        assertEquals(new Scope("openid", "api1"), narrowed.getOIDCTokens().getAccessToken().getScope());

        var widened = oidc.refresh("mvc", refreshToken, new Scope("openid", "api2"));
        assertEquals(400, widened.getStatusCode(), widened.getBody());
        assertEquals("invalid_scope", OidcClient.tokenError(widened).getCode());

        OidcClient.tokens(oidc.refresh("mvc", refreshToken, null)); // still good for what was granted
    }

    @Test
    void aRotatedRefreshTokenKeepsTheOriginalScopeAfterANarrowedRefresh() { // RFC 6749 §6: identical scope
        String first = exchange(code("spa", "openid profile api1 offline_access")).getOIDCTokens().getRefreshToken().getValue();
        var narrowed = OidcClient.tokens(oidc.refresh("spa", first, new Scope("openid", "api1")));
        assertEquals(new Scope("openid", "api1"), narrowed.getOIDCTokens().getAccessToken().getScope());

        var full = OidcClient.tokens(oidc.refresh("spa", narrowed.getOIDCTokens().getRefreshToken().getValue(), null));
        assertEquals(new Scope("openid", "profile", "api1", "offline_access"), full.getOIDCTokens().getAccessToken().getScope());
    }

    @Test
    void refreshTokenOfAnotherClientIsInvalidGrant() { // RFC 6749 §6: bound to the client it was issued to
        String spaToken = exchange(code("spa", "openid offline_access")).getOIDCTokens().getRefreshToken().getValue();
        assertInvalidGrant(oidc.refresh("plain", spaToken, null));
        assertInvalidGrant(oidc.refresh("mvc", spaToken, null));
    }

    @Test
    void refreshTokenPastItsAbsoluteLifetimeIsInvalidGrant() throws Exception { // plain: AbsoluteRefreshTokenLifetime 4
        long issued = System.nanoTime();
        String refreshToken = exchange(code("plain", "openid offline_access")).getOIDCTokens().getRefreshToken().getValue();
        String next = OidcClient.tokens(oidc.refresh("plain", refreshToken, null)).getOIDCTokens().getRefreshToken().getValue();

        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - issued);
        Thread.sleep(Math.max(0, 5_000 - waited));
        assertInvalidGrant(oidc.refresh("plain", next, null));
    }

    // --- concurrency -----------------------------------------------------------------------------------

    @Test
    void concurrentExchangesOfOneCodeLeaveAtMostOneWinnerAndNoLiveToken() throws Exception { // RFC 6749 §4.1.2
        var code = code("spa", "openid offline_access");
        var responses = concurrently(() -> oidc.exchange("spa", code.code(), OidcClient.redirectUri("spa"), code.verifier()));

        var winners = responses.stream().filter(r -> r.getStatusCode() == 200).toList();
        System.out.println("concurrent code exchanges: " + responses.stream().map(HTTPResponse::getStatusCode).toList());
        assertTrue(winners.size() <= 1, "at most one success: " + bodies(responses));
        responses.stream().filter(r -> r.getStatusCode() != 200).forEach(CodeAndRefreshIT::assertInvalidGrant);
        for (var winner : winners) { // the others were replays: what the winner got is revoked
            String refreshToken = OidcClient.tokens(winner).getOIDCTokens().getRefreshToken().getValue();
            assertInvalidGrant(oidc.refresh("spa", refreshToken, null));
        }
    }

    @Test
    void concurrentRefreshesOfOneOneTimeTokenLeaveAtMostOneWinnerAndADeadFamily() throws Exception { // RFC 9700 §4.14.2
        String refreshToken = exchange(code("spa", "openid offline_access")).getOIDCTokens().getRefreshToken().getValue();
        var responses = concurrently(() -> oidc.refresh("spa", refreshToken, null));

        var winners = responses.stream().filter(r -> r.getStatusCode() == 200).toList();
        System.out.println("concurrent refreshes: " + responses.stream().map(HTTPResponse::getStatusCode).toList());
        assertTrue(winners.size() <= 1, "at most one success: " + bodies(responses));
        responses.stream().filter(r -> r.getStatusCode() != 200).forEach(CodeAndRefreshIT::assertInvalidGrant);
        assertInvalidGrant(oidc.refresh("spa", refreshToken, null));
        for (var winner : winners) {
            assertInvalidGrant(oidc.refresh("spa", OidcClient.tokens(winner).getOIDCTokens().getRefreshToken().getValue(), null));
        }
    }

    // --- helpers -----------------------------------------------------------------------------------------

    /** A code for alice, from a sign-in in a new browser; PKCE S256 unless the client is nopkce. */
    private Code code(String clientId, String scope) {
        var verifier = clientId.equals("nopkce") ? null : new CodeVerifier();
        var parameters = new ArrayList<>(List.of("client_id", clientId, "redirect_uri", OidcClient.REDIRECT_URIS.get(clientId),
                "response_type", "code", "scope", scope, "state", UUID.randomUUID().toString()));
        if (verifier != null) {
            parameters.addAll(List.of("code_challenge", OidcClient.s256(verifier), "code_challenge_method", "S256"));
        }
        var redirect = new SignInFlow(base).authorize(oidc.authorize(parameters.toArray(String[]::new)), "alice", "alice");
        return new Code(clientId, OidcClient.success(redirect).getAuthorizationCode(), verifier);
    }

    private OIDCTokenResponse exchange(Code code) {
        return OidcClient.tokens(oidc.exchange(code.clientId(), code.code(), OidcClient.redirectUri(code.clientId()), code.verifier()));
    }

    /** {@value #THREADS} calls at once (released together), their responses. */
    private static List<HTTPResponse> concurrently(Supplier<HTTPResponse> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            var ready = new CountDownLatch(THREADS);
            var go = new CountDownLatch(1);
            var futures = new ArrayList<Future<HTTPResponse>>();
            for (int i = 0; i < THREADS; i++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return call.get();
                }));
            }
            ready.await(10, TimeUnit.SECONDS);
            go.countDown();
            var responses = new ArrayList<HTTPResponse>();
            for (var future : futures) {
                responses.add(future.get(60, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> bodies(List<HTTPResponse> responses) {
        return responses.stream().map(r -> r.getStatusCode() + " " + r.getBody()).toList();
    }

    private static void assertInvalidGrant(HTTPResponse response) {
        assertAll(
                () -> assertEquals(400, response.getStatusCode(), response.getBody()),
                () -> assertEquals("invalid_grant", OidcClient.tokenError(response).getCode(), response.getBody()));
    }
}
