package org.gatehouse.token.boundary;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import com.nimbusds.openid.connect.sdk.SubjectType;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gatehouse.testing.GatehouseWar;
import org.gatehouse.testing.Http;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The quickstart, black-box, with the Nimbus OAuth SDK as the client: discovery, JWKS, the client
 * credentials grant and every error the token endpoint can answer (RFC 6749 §5.2, RFC 8707).
 * Configuration: src/test/resources/it/appsettings.json.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ClientCredentialsIT {

    @Deployment(testable = false)
    static WebArchive gatehouse() {
        return GatehouseWar.atRoot();
    }

    @ArquillianResource
    URL base;

    String issuer;
    URI tokenEndpoint;

    @BeforeEach
    void locate() {
        issuer = base.toString().replaceAll("/$", "");
        tokenEndpoint = URI.create(issuer + "/connect/token");
    }

    // --- discovery and keys -------------------------------------------------------------------------

    @Test
    void discoveryIsValidServerMetadataAdvertisingWhatIsImplemented() throws Exception {
        var metadata = AuthorizationServerMetadata.resolve(new Issuer(issuer)); // RFC 8414 document, issuer checked

        assertAll(
                () -> assertEquals(tokenEndpoint, metadata.getTokenEndpointURI()),
                () -> assertEquals(URI.create(issuer + "/.well-known/openid-configuration/jwks"), metadata.getJWKSetURI()),
                () -> assertEquals(List.of(GrantType.AUTHORIZATION_CODE, GrantType.CLIENT_CREDENTIALS, GrantType.IMPLICIT,
                        GrantType.REFRESH_TOKEN), metadata.getGrantTypes()),
                () -> assertEquals(List.of(ClientAuthenticationMethod.CLIENT_SECRET_BASIC,
                        ClientAuthenticationMethod.CLIENT_SECRET_POST, ClientAuthenticationMethod.PRIVATE_KEY_JWT,
                        ClientAuthenticationMethod.CLIENT_SECRET_JWT), metadata.getTokenEndpointAuthMethods(),
                        "mutual TLS is off, as by default in Duende"),
                () -> assertEquals(Set.of("api1", "api2", "orders.read", "orders.write", "openid", "profile", "email",
                        "address", "phone", "custom.badge", "offline_access"), Set.copyOf(metadata.getScopes().toStringList()),
                        "enabled scopes shown in discovery, with the built-in identity resources of OIDC Core §5.4"
                                + " and offline_access, since refresh tokens are served"),
                () -> assertEquals(URI.create(issuer + "/connect/authorize"), metadata.getAuthorizationEndpointURI()),
                () -> assertTrue(metadata.supportsAuthorizationResponseIssuerParam(), "RFC 9207 §3"));
    }

    @Test
    void openIdConfigurationIsAValidProviderDocumentAndTheSameAsRfc8414s() throws Exception {
        var response = Http.get(URI.create(issuer + "/.well-known/openid-configuration"));
        var metadata = OIDCProviderMetadata.parse(response.body()); // OIDC Discovery 1.0 §3 required fields

        assertAll(
                () -> assertEquals(new Issuer(issuer), metadata.getIssuer()),
                () -> assertEquals(tokenEndpoint, metadata.getTokenEndpointURI()),
                () -> assertEquals(List.of(SubjectType.PUBLIC, SubjectType.PAIRWISE), metadata.getSubjectTypes()),
                () -> assertEquals(List.of(JWSAlgorithm.RS256), metadata.getIDTokenJWSAlgs()),
                () -> assertEquals("Host", response.headers().firstValue("Vary").orElse(null)),
                () -> assertEquals(Http.get(URI.create(issuer + "/.well-known/oauth-authorization-server")).body(),
                        response.body()));
    }

    @Test
    void jwksPublishesOnePublicRs256SigningKey() throws Exception {
        var jwks = JWKSet.load(new URL(issuer + "/.well-known/openid-configuration/jwks"));

        assertEquals(1, jwks.getKeys().size());
        var key = jwks.getKeys().get(0);
        assertAll(
                () -> assertFalse(key.isPrivate(), "no private key material"),
                () -> assertEquals(JWSAlgorithm.RS256, key.getAlgorithm()),
                () -> assertEquals("sig", key.getKeyUse().identifier()),
                () -> assertEquals(2048, key.size()),
                () -> assertEquals(key.computeThumbprint().toString(), key.getKeyID()));
    }

    // --- tokens -------------------------------------------------------------------------------------

    @Test
    void quickstartClientGetsAVerifiableRfc9068AccessToken() throws Exception {
        var http = request(basic("client", "secret"), new Scope("api1"));
        var response = AccessTokenResponse.parse(http);

        assertAll(
                () -> assertEquals(200, http.getStatusCode()),
                () -> assertEquals("no-store", http.getHeaderValue("Cache-Control")),
                () -> assertEquals("Bearer", response.getTokens().getAccessToken().getType().getValue()),
                () -> assertEquals(3600, response.getTokens().getAccessToken().getLifetime()),
                () -> assertEquals(new Scope("api1"), response.getTokens().getAccessToken().getScope()));

        var claims = verify(response.getTokens().getAccessToken().getValue(), "at+jwt",
                Set.of(issuer + "/resources"), Map.of("sub", "client", "client_id", "client", "scope", "api1"));
        assertEquals(3600, (claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()) / 1000);
        assertEquals(claims.getIssueTime(), claims.getNotBeforeTime());
        assertTrue(claims.getJWTID().matches("[0-9a-f]{32}\\.[0-9a-f]{32}"),
                "jti: its grant family (what revoking the grant revokes), then 128 random bits: " + claims.getJWTID());
    }

    @Test
    void clientSecretPostIsAccepted() throws Exception {
        var http = request(new ClientSecretPost(new ClientID("client"), new Secret("secret")), new Scope("api1"));

        assertEquals(200, http.getStatusCode(), http.getBody());
    }

    @Test
    void withoutScopeTheClientGetsAllItsEnabledApiScopes() throws Exception {
        var response = AccessTokenResponse.parse(request(basic("client", "secret"), null));

        assertEquals(new Scope("api1", "api2"), response.getTokens().getAccessToken().getScope());
    }

    @Test
    void basicCredentialsAreFormEncodedAndSha512SecretsWork() throws Exception {
        // Nimbus form-encodes id and secret before Base64, as RFC 6749 §2.3.1 says.
        var response = AccessTokenResponse.parse(request(basic("svc+1@example:x", "p@ss:w%rd é"), new Scope("api1")));

        var claims = SignedJWT.parse(response.getTokens().getAccessToken().getValue()).getJWTClaimsSet();
        assertAll(
                () -> assertEquals(600, response.getTokens().getAccessToken().getLifetime(), "AccessTokenLifetime"),
                () -> assertNull(claims.getJWTID(), "IncludeJwtId false"),
                () -> assertEquals("acme", claims.getClaim("tenant"), "ClientClaimsPrefix empty"),
                () -> assertEquals(3L, claims.getClaim("level"), "integer value type"),
                () -> assertEquals(List.of("reader", "auditor"), claims.getClaim("role")));
    }

    @Test
    void apiResourcesBecomeTheAudienceAndClientClaimsArePrefixed() throws Exception {
        var response = AccessTokenResponse.parse(request(basic("orders", "secret"), new Scope("orders.read", "api1")));

        var claims = verify(response.getTokens().getAccessToken().getValue(), "at+jwt", Set.of("urn:orders"),
                Map.of("sub", "orders", "scope", "orders.read api1", "client_department", "sales"));
        assertEquals(List.of("urn:orders"), claims.getAudience(), "RequireResourceIndicator keeps billing out");
    }

    @Test
    void resourceIndicatorNarrowsAudienceAndScopes() throws Exception {
        var request = new TokenRequest.Builder(tokenEndpoint, basic("orders", "secret"), new ClientCredentialsGrant())
                .scope(new Scope("orders.read", "orders.write"))
                .resources(URI.create("https://billing.example"))
                .build();
        var response = AccessTokenResponse.parse(request.toHTTPRequest().send());

        assertEquals(new Scope("orders.read"), response.getTokens().getAccessToken().getScope());
        var claims = SignedJWT.parse(response.getTokens().getAccessToken().getValue()).getJWTClaimsSet();
        assertEquals(List.of("https://billing.example"), claims.getAudience());
    }

    // --- errors: RFC 6749 §5.2 ----------------------------------------------------------------------

    @Test
    void wrongSecretWithBasicIs401WithChallenge() throws Exception {
        var http = request(basic("client", "wrong"), new Scope("api1"));

        assertError(http, 401, "invalid_client");
        assertTrue(http.getHeaderValue("WWW-Authenticate").startsWith("Basic "), http.getHeaderValue("WWW-Authenticate"));
    }

    @Test
    void wrongSecretInBodyIs401WithAChallengeToo() throws Exception {
        var http = request(new ClientSecretPost(new ClientID("client"), new Secret("wrong")), new Scope("api1"));

        assertError(http, 401, "invalid_client");
        assertTrue(http.getHeaderValue("WWW-Authenticate").startsWith("Basic "), "RFC 9110 §15.5.2: every 401 challenges");
    }

    @Test
    void unknownDisabledAndExpiredClientsAreInvalidClients() throws Exception {
        for (String clientId : List.of("nobody", "disabled", "expired")) {
            assertError(request(basic(clientId, "secret"), new Scope("api1")), 401, "invalid_client");
        }
    }

    @Test
    void missingClientAuthenticationIsInvalidClient() {
        var response = Http.form(tokenEndpoint, "grant_type=client_credentials&scope=api1");

        assertError(response, 401, "invalid_client");
    }

    @Test
    void confidentialClientWithoutItsSecretIsInvalidClient() {
        var response = Http.form(tokenEndpoint, "grant_type=client_credentials&client_id=client");

        assertError(response, 401, "invalid_client");
    }

    @Test
    void malformedBasicHeaderIsInvalidClient() {
        var response = Http.post(tokenEndpoint, "application/x-www-form-urlencoded", "grant_type=client_credentials",
                Map.of("Authorization", "Basic %%%not-base64"));

        assertError(response, 401, "invalid_client");
        assertTrue(response.headers().firstValue("WWW-Authenticate").isPresent());
    }

    @Test
    void twoAuthenticationMethodsAreInvalidRequest() {
        var response = Http.post(tokenEndpoint, "application/x-www-form-urlencoded",
                "grant_type=client_credentials&client_id=client&client_secret=secret",
                Map.of("Authorization", Http.basic("client", "secret")));

        assertError(response, 400, "invalid_request");
    }

    @Test
    void unknownGrantTypeIsUnsupportedGrantType() {
        var response = Http.post(tokenEndpoint, "application/x-www-form-urlencoded", "grant_type=password&username=a&password=b",
                Map.of("Authorization", Http.basic("client", "secret")));

        assertError(response, 400, "unsupported_grant_type");
    }

    @Test
    void grantTheClientIsNotAllowedIsUnauthorizedClient() throws Exception {
        assertError(request(basic("web", "secret"), new Scope("api1")), 400, "unauthorized_client");
    }

    @Test
    void publicClientMayNotUseClientCredentials() {
        var response = Http.form(tokenEndpoint, "grant_type=client_credentials&client_id=public&scope=api1");

        assertError(response, 400, "unauthorized_client"); // RFC 6749 §4.4: confidential clients only
    }

    @Test
    void referenceClientGetsAnOpaqueHandleNotAJwt() throws Exception {
        var response = AccessTokenResponse.parse(request(basic("reference", "secret"), new Scope("api1")));

        String token = response.getTokens().getAccessToken().getValue();
        assertTrue(token.matches("[A-Za-z0-9_-]{43}"), "256 random bits, base64url: " + token);
        assertEquals(3600, response.getTokens().getAccessToken().getLifetime());
    }

    @Test
    void scopesOutsideTheGrantAreInvalidScope() throws Exception {
        for (var scope : List.of(new Scope("unknown"), new Scope("orders.read"), new Scope("openid"),
                new Scope("offline_access"), new Scope("off"), new Scope("api1", "nope"))) {
            assertError(request(basic("client", "secret"), scope), 400, "invalid_scope");
        }
    }

    @Test
    void malformedScopeIsInvalidScope() {
        var response = Http.post(tokenEndpoint, "application/x-www-form-urlencoded",
                "grant_type=client_credentials&scope=api1%20%20api2", Map.of("Authorization", Http.basic("client", "secret")));

        assertError(response, 400, "invalid_scope");
    }

    @Test
    void unknownOrMalformedResourceIsInvalidTarget() {
        for (String resource : List.of("urn:unknown", "relative/path", "https://billing.example#fragment",
                "https://billing.example%20x")) {
            var response = Http.post(tokenEndpoint, "application/x-www-form-urlencoded",
                    "grant_type=client_credentials&scope=orders.read&resource=" + resource,
                    Map.of("Authorization", Http.basic("orders", "secret")));
            assertError(response, 400, "invalid_target");
        }
    }

    @Test
    void missingGrantTypeIsInvalidRequest() {
        var response = Http.post(tokenEndpoint, "application/x-www-form-urlencoded", "scope=api1",
                Map.of("Authorization", Http.basic("client", "secret")));

        assertError(response, 400, "invalid_request");
    }

    @Test
    void repeatedParametersAreInvalidRequest() {
        for (String body : List.of("grant_type=client_credentials&grant_type=client_credentials",
                "grant_type=client_credentials&scope=api1&scope=api2")) {
            var response = Http.post(tokenEndpoint, "application/x-www-form-urlencoded", body,
                    Map.of("Authorization", Http.basic("client", "secret")));
            assertError(response, 400, "invalid_request");
        }
    }

    @Test
    void wrongContentTypeIsInvalidRequest() {
        var response = Http.post(tokenEndpoint, "application/json", "{\"grant_type\":\"client_credentials\"}",
                Map.of("Authorization", Http.basic("client", "secret")));

        assertError(response, 400, "invalid_request");
    }

    @Test
    void malformedEncodingIsInvalidRequest() {
        var response = Http.post(tokenEndpoint, "application/x-www-form-urlencoded", "grant_type=client_credentials&scope=%zz",
                Map.of("Authorization", Http.basic("client", "secret")));

        assertError(response, 400, "invalid_request");
    }

    @Test
    void oversizedValuesAndBodiesAreInvalidRequest() {
        var longScope = Http.post(tokenEndpoint, "application/x-www-form-urlencoded",
                "grant_type=client_credentials&scope=" + "a".repeat(2001), Map.of("Authorization", Http.basic("client", "secret")));
        var hugeBody = Http.post(tokenEndpoint, "application/x-www-form-urlencoded",
                "grant_type=client_credentials&x=" + "a".repeat(70_000), Map.of("Authorization", Http.basic("client", "secret")));

        assertError(longScope, 400, "invalid_request");
        assertError(hugeBody, 400, "invalid_request");
    }

    @Test
    void getIsNotAllowed() {
        assertEquals(405, Http.get(tokenEndpoint).statusCode());
    }

    // --- helpers ------------------------------------------------------------------------------------

    private static ClientAuthentication basic(String clientId, String secret) {
        return new ClientSecretBasic(new ClientID(clientId), new Secret(secret));
    }

    private HTTPResponse request(ClientAuthentication authentication, Scope scope) throws Exception {
        return new TokenRequest(tokenEndpoint, authentication, new ClientCredentialsGrant(), scope).toHTTPRequest().send();
    }

    /** Checks the signature against the published JWKS, the header type and the claims. */
    private JWTClaimsSet verify(String token, String type, Set<String> audience, Map<String, Object> exact) throws Exception {
        var processor = new DefaultJWTProcessor<SecurityContext>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType(type)));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                JWKSourceBuilder.create(new URL(issuer + "/.well-known/openid-configuration/jwks")).build()));
        var expected = new JWTClaimsSet.Builder().issuer(issuer);
        exact.forEach(expected::claim);
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(new HashSet<>(audience), expected.build(),
                Set.of("iat", "nbf", "exp", "sub", "client_id", "scope"), null));
        return processor.process(token, null);
    }

    private static void assertError(HTTPResponse http, int status, String code) throws Exception {
        var error = TokenResponse.parse(http).toErrorResponse().getErrorObject();
        assertAll(
                () -> assertEquals(status, http.getStatusCode(), http.getBody()),
                () -> assertEquals(code, error.getCode()),
                () -> assertEquals("no-store", http.getHeaderValue("Cache-Control")),
                () -> assertTrue(http.getHeaderValue("Content-Type").startsWith("application/json")));
    }

    private static void assertError(HttpResponse<String> response, int status, String code) {
        ErrorObject error;
        try {
            error = ErrorObject.parse(JSONObjectUtils.parse(response.body()));
        } catch (ParseException e) {
            throw new AssertionError("not a JSON error body: " + response.body(), e);
        }
        assertAll(
                () -> assertEquals(status, response.statusCode(), response.body()),
                () -> assertEquals(code, error.getCode(), response.body()),
                () -> assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(null)));
    }
}
