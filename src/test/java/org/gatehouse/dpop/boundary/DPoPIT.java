package org.gatehouse.dpop.boundary;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.dpop.JWKThumbprintConfirmation;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.JWTID;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.AccessTokenType;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.gatehouse.testing.GatehouseWar;
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
 * DPoP (RFC 9449) black-box, with the Nimbus SDK as the client ({@code DefaultDPoPProofFactory}): bound tokens on
 * every grant, RequireDPoP on every grant, the proof checks that matter on the wire (replay, htu, htm, stale iat,
 * server nonces), codes bound by {@code dpop_jkt}, a public client's refresh tokens bound to its key, and UserInfo
 * with the DPoP scheme. IT clients {@code client} (DPoP optional), {@code dpop.m2m}, {@code dpop.nonce} (reference
 * tokens, nonce mode) and {@code dpop.spa} (public, code flow).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DPoPIT {

    @Deployment(testable = false)
    static WebArchive gatehouse() {
        return GatehouseWar.atRoot();
    }

    @ArquillianResource
    URL base;

    OidcClient oidc;
    ECKey key;
    DefaultDPoPProofFactory proofs;

    @BeforeEach
    void setUp() throws JOSEException {
        oidc = new OidcClient(base);
        key = new ECKeyGenerator(Curve.P_256).generate();
        proofs = new DefaultDPoPProofFactory(key, JWSAlgorithm.ES256);
    }

    private String thumbprint() throws JOSEException {
        return key.computeThumbprint().toString();
    }

    private HTTPRequest clientCredentials(String clientId) {
        return new TokenRequest.Builder(oidc.tokenEndpoint, new ClientSecretBasic(new ClientID(clientId), new Secret("secret")),
                new ClientCredentialsGrant()).scope(new Scope("api1")).build().toHTTPRequest();
    }

    private static HTTPResponse send(HTTPRequest request, SignedJWT proof) {
        if (proof != null) {
            request.setDPoP(proof);
        }
        return OAuthClient.send(request);
    }

    private SignedJWT proof() throws JOSEException {
        return proofs.createDPoPJWT("POST", oidc.tokenEndpoint);
    }

    private static String error(HTTPResponse http) {
        assertEquals(400, http.getStatusCode(), http.getBody());
        return OidcClient.tokenError(http).getCode();
    }

    @Test
    void discoveryListsTheProofAlgorithms() throws Exception {
        var metadata = OIDCProviderMetadata.resolve(new com.nimbusds.oauth2.sdk.id.Issuer(oidc.issuer));
        assertTrue(metadata.getDPoPJWSAlgs().contains(JWSAlgorithm.ES256), metadata.toJSONObject().toString());
        assertTrue(metadata.getDPoPJWSAlgs().contains(JWSAlgorithm.PS256));
    }

    @Test
    void aProofBindsTheClientCredentialsTokenAndWithoutOneItIsABearerToken() throws Exception { // §5, §6.1
        var tokens = OidcClient.tokens(send(clientCredentials("client"), proof())).getTokens();
        var accessToken = tokens.getAccessToken();
        assertEquals(AccessTokenType.DPOP, accessToken.getType(), "token_type DPoP");
        var claims = JWTParser.parse(accessToken.getValue()).getJWTClaimsSet();
        assertEquals(thumbprint(), JWKThumbprintConfirmation.parse(claims).getValue().toString(), "cnf.jkt");

        var bearer = OidcClient.tokens(send(clientCredentials("client"), null)).getTokens().getAccessToken();
        assertEquals(AccessTokenType.BEARER, bearer.getType());
        assertEquals(null, JWTParser.parse(bearer.getValue()).getJWTClaimsSet().getClaim("cnf"));
    }

    @Test
    void aClientRequiringDPoPGetsNoTokenWithoutAProof() throws Exception {
        var refused = send(clientCredentials("dpop.m2m"), null);
        assertEquals("invalid_dpop_proof", error(refused));
        assertEquals("no-store", refused.getHeaderValue("Cache-Control"));
        assertEquals(AccessTokenType.DPOP, OidcClient.tokens(send(clientCredentials("dpop.m2m"), proof())).getTokens()
                .getAccessToken().getType());
    }

    @Test
    void aProofIsGoodForOneRequestToOneEndpointAtOneTime() throws Exception { // §4.3, §11.1
        var proof = proof();
        OidcClient.tokens(send(clientCredentials("dpop.m2m"), proof));
        assertEquals("invalid_dpop_proof", error(send(clientCredentials("dpop.m2m"), proof)), "replayed jti");
        assertEquals("invalid_dpop_proof", error(send(clientCredentials("dpop.m2m"),
                proofs.createDPoPJWT("POST", oidc.userInfoEndpoint))), "htu of another endpoint");
        assertEquals("invalid_dpop_proof", error(send(clientCredentials("dpop.m2m"),
                proofs.createDPoPJWT("GET", oidc.tokenEndpoint))), "htm of another method");
        var stale = Date.from(Instant.now().minus(Duration.ofMinutes(10)));
        assertEquals("invalid_dpop_proof", error(send(clientCredentials("dpop.m2m"),
                proofs.createDPoPJWT(new JWTID(), "POST", oidc.tokenEndpoint, stale, null))), "iat too old");
    }

    @Test
    void aNonceClientRetriesWithTheServersNonceAndItsReferenceTokenKeepsTheBinding() throws Exception { // §8, §6.2
        var first = send(clientCredentials("dpop.nonce"), proof());
        assertEquals("use_dpop_nonce", error(first));
        String nonce = first.getHeaderValue("DPoP-Nonce");
        assertNotNull(nonce, "§8: the refusal carries the nonce");

        var retry = send(clientCredentials("dpop.nonce"), proofs.createDPoPJWT("POST", oidc.tokenEndpoint, new Nonce(nonce)));
        AccessToken token = OidcClient.tokens(retry).getTokens().getAccessToken();
        assertEquals(AccessTokenType.DPOP, token.getType());

        // §8.2: the success hands out the next nonce, which the client uses without another refusal.
        String next = retry.getHeaderValue("DPoP-Nonce");
        assertNotNull(next, "§8.2: a fresh nonce with the token");
        var again = send(clientCredentials("dpop.nonce"), proofs.createDPoPJWT("POST", oidc.tokenEndpoint, new Nonce(next)));
        assertEquals(200, again.getStatusCode(), again.getBody());

        var introspection = new OAuthClient(oidc.issuer).introspectionResponse("dpop.nonce", token.getValue());
        var members = JSONObjectUtils.parse(introspection.getBody());
        assertAll(() -> assertEquals(true, members.get("active")),
                () -> assertEquals("DPoP", members.get("token_type"), "RFC 9449 §6.2"),
                () -> assertEquals(thumbprint(), JSONObjectUtils.getJSONObject(members, "cnf").get("jkt")));
    }

    @Test
    void aBoundCodeAndABoundRefreshTokenNeedTheKeyAndUserInfoTheDPoPScheme() throws Exception { // §10, §5, §7
        var verifier = new CodeVerifier();
        var redirect = new SignInFlow(base).authorize(oidc.authorize("client_id", "dpop.spa", "redirect_uri",
                OidcClient.REDIRECT_URIS.get("dpop.spa"), "response_type", "code", "scope", "openid offline_access",
                "state", UUID.randomUUID().toString(), "code_challenge", OidcClient.s256(verifier),
                "code_challenge_method", "S256", "dpop_jkt", thumbprint()), "alice", "alice");
        var code = OidcClient.success(redirect).getAuthorizationCode();
        var exchange = new TokenRequest.Builder(oidc.tokenEndpoint, new ClientID("dpop.spa"),
                new AuthorizationCodeGrant(code, OidcClient.redirectUri("dpop.spa"), verifier)).build();

        var otherKey = new DefaultDPoPProofFactory(new RSAKeyGenerator(2048).generate(), JWSAlgorithm.PS256);
        assertEquals("invalid_grant", error(send(exchange.toHTTPRequest(), otherKey.createDPoPJWT("POST", oidc.tokenEndpoint))),
                "dpop_jkt names another key");
        var tokens = OidcClient.tokens(send(exchange.toHTTPRequest(), proof())).getOIDCTokens();
        assertEquals(AccessTokenType.DPOP, tokens.getAccessToken().getType(), "the code survived the wrong key's attempt");

        var refresh = new TokenRequest.Builder(oidc.tokenEndpoint, new ClientID("dpop.spa"),
                new RefreshTokenGrant(tokens.getRefreshToken())).build();
        assertEquals("invalid_dpop_proof", error(send(refresh.toHTTPRequest(), null)), "RequireDPoP");
        assertEquals("invalid_grant", error(send(refresh.toHTTPRequest(), otherKey.createDPoPJWT("POST", oidc.tokenEndpoint))),
                "bound to the key of the code exchange");
        var refreshed = OidcClient.tokens(send(refresh.toHTTPRequest(), proof())).getOIDCTokens();
        RefreshToken next = refreshed.getRefreshToken();
        assertNotEquals(tokens.getRefreshToken(), next, "rotated");
        OidcClient.tokens(send(new TokenRequest.Builder(oidc.tokenEndpoint, new ClientID("dpop.spa"),
                new RefreshTokenGrant(next)).build().toHTTPRequest(), proof())); // the successor keeps the binding

        var accessToken = refreshed.getAccessToken().getValue();
        var userInfo = new UserInfoRequest(oidc.userInfoEndpoint, new DPoPAccessToken(accessToken)).toHTTPRequest();
        userInfo.setDPoP(proofs.createDPoPJWT("GET", oidc.userInfoEndpoint, new DPoPAccessToken(accessToken)));
        var claims = OAuthClient.send(userInfo);
        assertEquals(200, claims.getStatusCode(), claims.getBody());
        assertEquals("1", JSONObjectUtils.parse(claims.getBody()).get("sub"));
        assertNotNull(claims.getHeaderValue("DPoP-Nonce"), "§9: the resource's next nonce with its answer");

        var asBearer = OAuthClient.send(new UserInfoRequest(oidc.userInfoEndpoint, new BearerAccessToken(accessToken))
                .toHTTPRequest());
        assertEquals(401, asBearer.getStatusCode());
        assertTrue(asBearer.getHeaderValue("WWW-Authenticate").matches("^DPoP .*error=\"invalid_token\".*"),
                "§7.2: a bound token is no bearer token: " + asBearer.getHeaderValue("WWW-Authenticate"));

        var withoutProof = OAuthClient.send(new UserInfoRequest(oidc.userInfoEndpoint, new DPoPAccessToken(accessToken))
                .toHTTPRequest());
        assertEquals(401, withoutProof.getStatusCode());
        assertTrue(withoutProof.getHeaderValue("WWW-Authenticate").contains("error=\"invalid_dpop_proof\""),
                withoutProof.getHeaderValue("WWW-Authenticate"));
    }

    @Test
    void userInfoWithoutATokenOffersBothSchemes() { // §7.1
        var challenge = OAuthClient.send(new HTTPRequest(HTTPRequest.Method.GET, oidc.userInfoEndpoint));
        assertEquals(401, challenge.getStatusCode());
        var schemes = challenge.getHeaderValues("WWW-Authenticate");
        assertTrue(schemes.stream().anyMatch(s -> s.startsWith("Bearer")) && schemes.stream().anyMatch(s -> s.startsWith("DPoP algs=")),
                schemes.toString());
    }
}
