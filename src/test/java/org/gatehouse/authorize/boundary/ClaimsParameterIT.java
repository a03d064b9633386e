package org.gatehouse.authorize.boundary;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.gatehouse.testing.GatehouseWar;
import org.gatehouse.testing.Http;
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
 * What the OpenID conformance suite checks of the authorization request beyond the code flow's basics, black-box
 * with the Nimbus SDK: the claims parameter (OIDC Core §5.5), acr (§2, §3.1.2.1), nonce only where the authorization
 * endpoint returns an ID token (§3.3.2.1), and the refusal of a request object in the response mode it asked for
 * (§6.3.3). The user is alice of the IT settings, signed in by {@link SignInFlow}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ClaimsParameterIT {

    private static final String SINGLE_FACTOR = "https://refeds.org/profile/sfa";

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

    @Test
    void claimsAskedForByNameGoWhereTheyWereAskedAndAcrSaysHowTheUserSignedIn() throws Exception {
        var verifier = new CodeVerifier();
        var redirect = new SignInFlow(base).authorize(oidc.authorize(request("spa", "code", "openid",
                "code_challenge", OidcClient.s256(verifier), "code_challenge_method", "S256",
                "claims", "{\"id_token\": {\"name\": null, \"acr\": {\"essential\": true, \"values\": [\"" + SINGLE_FACTOR
                        + "\"]}}, \"userinfo\": {\"email\": {\"essential\": true}}}")), "alice", "alice");
        var code = OidcClient.success(redirect).getAuthorizationCode();
        var tokens = OidcClient.tokens(oidc.exchange("spa", code, OidcClient.redirectUri("spa"), verifier)).getOIDCTokens();
        var idToken = oidc.validate("spa", tokens.getIDTokenString(), null);
        var userInfo = Http.get(oidc.userInfoEndpoint, tokens.getAccessToken().getValue());
        var claims = JSONObjectUtils.parse(userInfo.body());

        assertAll(
                () -> assertEquals("Alice Smith", idToken.getStringClaim("name"), "asked for the ID token"),
                () -> assertNull(idToken.getStringClaim("email"), "asked for userinfo only"),
                () -> assertEquals(SINGLE_FACTOR, idToken.getStringClaim("acr")),
                () -> assertNull(idToken.getClaim("idp"), "no claim nobody asked for"),
                () -> assertEquals("openid", tokens.getAccessToken().getScope().toString(), "the scope is not widened"),
                () -> assertEquals(200, userInfo.statusCode(), userInfo.body()),
                () -> assertEquals("AliceSmith@example.com", claims.get("email"), userInfo.body()),
                () -> assertFalse(claims.containsKey("name"), "asked for the ID token only: " + userInfo.body()));
    }

    @Test
    void anEssentialAcrGatehouseCannotMeetIsRefusedBeforeAnySignIn() throws Exception { // §5.5.1.1
        var response = Http.get(oidc.authorize(request("spa", "code", "openid",
                "code_challenge", OidcClient.s256(new CodeVerifier()), "code_challenge_method", "S256",
                "claims", "{\"id_token\": {\"acr\": {\"essential\": true, \"value\": \"https://refeds.org/profile/mfa\"}}}")));
        var error = OidcClient.response(response).toErrorResponse().getErrorObject();
        assertEquals("unmet_authentication_requirements", error.getCode());
    }

    @Test
    void acrValuesAreAnsweredWithTheAcrOfTheSignIn() {
        var redirect = new SignInFlow(base).authorize(oidc.authorize(request("implicit", "id_token", "openid",
                "nonce", "n-1", "acr_values", "1 2 " + SINGLE_FACTOR)), "alice", "alice");
        var idToken = oidc.validate("implicit", OidcClient.success(redirect).getIDToken().serialize(), "n-1");
        assertEquals(SINGLE_FACTOR, idToken.getStringClaim("acr"));
    }

    @Test
    void codeTokenNeedsNoNonce() { // OIDC Core §3.3.2.1: its ID token comes from the token endpoint
        var redirect = new SignInFlow(base).authorize(oidc.authorize(request("hybrid", "code token", "openid api1",
                "response_mode", "fragment")), "alice", "alice");
        var success = OidcClient.success(redirect);
        assertAll(
                () -> assertTrue(success.getAuthorizationCode() != null),
                () -> assertTrue(success.getAccessToken() != null));
    }

    @Test
    void aRefusedRequestObjectIsAnsweredInTheResponseModeItAskedFor() { // OIDC Core §6.3.3
        String object = new PlainJWT(new JWTClaimsSet.Builder().claim("response_mode", "form_post")
                .claim("state", "in-the-object").build()).serialize();
        var parameters = new ArrayList<>(List.of("client_id", "spa", "redirect_uri", OidcClient.REDIRECT_URIS.get("spa"),
                "response_type", "code", "scope", "openid", "request", object));
        var response = Http.get(oidc.authorize(parameters.toArray(String[]::new)));

        var inputs = SignInFlow.hiddenInputs(response.body());
        assertAll(
                () -> assertEquals(200, response.statusCode(), "a form_post page, not a redirect: " + response.headers().map()),
                () -> assertTrue(response.body().contains("action=\"" + OidcClient.REDIRECT_URIS.get("spa") + "\""), response.body()),
                () -> assertEquals(List.of("invalid_request_object"), inputs.get("error"), "unsigned: " + response.body()),
                () -> assertEquals(List.of("in-the-object"), inputs.get("state")));
    }

    private static String[] request(String clientId, String responseType, String scope, String... more) {
        var parameters = new ArrayList<>(List.of("client_id", clientId, "redirect_uri", OidcClient.REDIRECT_URIS.get(clientId),
                "response_type", responseType, "scope", scope, "state", UUID.randomUUID().toString()));
        parameters.addAll(List.of(more));
        return parameters.toArray(String[]::new);
    }
}
