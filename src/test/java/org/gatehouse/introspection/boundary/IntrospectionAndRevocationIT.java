package org.gatehouse.introspection.boundary;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.Subject;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.TypelessAccessToken;
import java.net.URI;
import java.net.URL;
import java.util.List;
import java.util.Map;
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
 * Introspection (RFC 7662) and revocation (RFC 7009) of JWT and reference access tokens, black-box, with
 * the Nimbus OAuth SDK. The API {@code urn:orders} introspects with its ApiSecrets; clients introspect
 * and revoke their own tokens. Configuration: src/test/resources/it/appsettings.json.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class IntrospectionAndRevocationIT {

    @Deployment(testable = false)
    static WebArchive gatehouse() {
        return GatehouseWar.atRoot();
    }

    @ArquillianResource
    URL base;

    String issuer;
    URI introspection;
    URI revocation;

    @BeforeEach
    void locate() {
        issuer = base.toString().replaceAll("/$", "");
        introspection = URI.create(issuer + "/connect/introspect");
        revocation = URI.create(issuer + "/connect/revocation");
    }

    @Test
    void discoveryAdvertisesBothEndpoints() throws Exception {
        var metadata = AuthorizationServerMetadata.resolve(new Issuer(issuer));

        assertEquals(introspection, metadata.getIntrospectionEndpointURI());
        assertEquals(revocation, metadata.getRevocationEndpointURI());
    }

    @Test
    void apiIntrospectsAJwtAccessTokenMeantForIt() throws Exception {
        var active = introspect(api(), token("orders", "orders.read"));

        assertActiveOrdersToken(active, "orders");
    }

    @Test
    void apiIntrospectsAReferenceTokenMeantForIt() throws Exception {
        String token = token("orders.reference", "orders.read");
        assertFalse(token.contains("."), "an opaque handle");

        assertActiveOrdersToken(introspect(api(), token), "orders.reference");
    }

    @Test
    void apiSeesTokensMeantForOthersAsInactive() throws Exception {
        assertFalse(introspect(api(), token("client", "api1")).isActive());
    }

    @Test
    void clientIntrospectsItsOwnTokensAndNoOneElses() throws Exception {
        String token = token("orders.reference", "orders.write");

        assertTrue(introspect(client("orders.reference"), token).isActive());
        assertFalse(introspect(client("client"), token).isActive());
    }

    @Test
    void unknownAndForgedTokensAreInactive() throws Exception {
        String jwt = token("orders", "orders.read");
        String forged = jwt.substring(0, jwt.lastIndexOf('.') + 1) + "AAAA" + jwt.substring(jwt.lastIndexOf('.') + 5);

        for (String token : List.of("unknown-handle", forged, "a.b.c")) {
            assertFalse(introspect(api(), token).isActive(), token);
        }
    }

    @Test
    void introspectionAnswersAreNeverCached() {
        var response = Http.post(introspection, "application/x-www-form-urlencoded", "token=x",
                Map.of("Authorization", Http.basic("urn:orders", "secret")));

        assertEquals(200, response.statusCode());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(null));
        assertEquals("{\"active\":false}", response.body());
    }

    @Test
    void wrongApiSecretIsInvalidClient() throws Exception {
        var http = new TokenIntrospectionRequest(introspection, new ClientSecretBasic(new ClientID("urn:orders"),
                new Secret("wrong")), new BearerAccessToken("x")).toHTTPRequest().send();

        assertError(http, 401, "invalid_client"); // RFC 7662 §2.3
        assertTrue(http.getHeaderValue("WWW-Authenticate").startsWith("Basic "));
    }

    @Test
    void publicClientMayNotIntrospect() {
        var response = Http.form(introspection, "token=x&client_id=public");

        assertEquals(401, response.statusCode());
        assertTrue(response.body().contains("\"invalid_client\""), response.body());
    }

    @Test
    void missingTokenIsInvalidRequest() {
        var response = Http.post(introspection, "application/x-www-form-urlencoded", "token_type_hint=access_token",
                Map.of("Authorization", Http.basic("urn:orders", "secret")));

        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("\"invalid_request\""), response.body());
    }

    @Test
    void revokedReferenceTokenBecomesInactive() throws Exception {
        String token = token("orders.reference", "orders.read");

        assertEquals(200, revoke(client("orders.reference"), token).getStatusCode());

        assertFalse(introspect(api(), token).isActive());
    }

    @Test
    void aClientCannotRevokeAnotherClientsToken() throws Exception {
        String token = token("orders.reference", "orders.read");

        // RFC 7009 §2: "the request is refused"; RFC 6749 §5.2: invalid_grant, "issued to another client"
        assertError(revoke(client("client"), token), 400, "invalid_grant");

        assertTrue(introspect(api(), token).isActive());
    }

    @Test
    void revokingAnUnknownTokenSucceeds() throws Exception {
        assertEquals(200, revoke(client("client"), "no-such-token").getStatusCode()); // RFC 7009 §2.2
    }

    @Test
    void aRevokedJwtAccessTokenIsInactiveFromThenOn() throws Exception { // RFC 7009 §2, RFC 7662 §2.2
        String jwt = token("orders", "orders.read");
        String other = token("orders", "orders.read");
        assertTrue(introspect(api(), jwt).isActive());
        assertEquals(200, revoke(client("orders"), jwt).getStatusCode());
        assertFalse(introspect(api(), jwt).isActive(), "revoked, on every node: the list is in the database");
        assertTrue(introspect(api(), other).isActive(), "only that token");
        assertEquals(200, revoke(client("orders"), jwt).getStatusCode(), "again, still 200 (§2.2)");
    }

    @Test
    void revocationNeedsClientAuthentication() {
        var response = Http.form(revocation, "token=x");

        assertEquals(401, response.statusCode());
        assertTrue(response.body().contains("\"invalid_client\""), response.body());
    }

    // --- helpers ------------------------------------------------------------------------------------

    private static ClientAuthentication api() {
        return new ClientSecretBasic(new ClientID("urn:orders"), new Secret("secret"));
    }

    private static ClientAuthentication client(String clientId) {
        return new ClientSecretBasic(new ClientID(clientId), new Secret("secret"));
    }

    private String token(String clientId, String scope) throws Exception {
        var request = new TokenRequest(URI.create(issuer + "/connect/token"), client(clientId), new ClientCredentialsGrant(),
                new Scope(scope));
        return AccessTokenResponse.parse(request.toHTTPRequest().send()).getTokens().getAccessToken().getValue();
    }

    private TokenIntrospectionSuccessResponse introspect(ClientAuthentication caller, String token) throws Exception {
        var http = new TokenIntrospectionRequest(introspection, caller, new TypelessAccessToken(token)).toHTTPRequest().send();
        assertEquals(200, http.getStatusCode(), http.getBody());
        return TokenIntrospectionResponse.parse(http).toSuccessResponse();
    }

    private HTTPResponse revoke(ClientAuthentication caller, String token) throws Exception {
        return new TokenRevocationRequest(revocation, caller, new TypelessAccessToken(token)).toHTTPRequest().send();
    }

    private void assertActiveOrdersToken(TokenIntrospectionSuccessResponse active, String clientId) {
        assertAll(
                () -> assertTrue(active.isActive()),
                () -> assertEquals(new Scope("orders.read"), active.getScope()),
                () -> assertEquals(new ClientID(clientId), active.getClientID()),
                () -> assertEquals(new Subject(clientId), active.getSubject()),
                () -> assertEquals(new Issuer(issuer), active.getIssuer()),
                () -> assertEquals(List.of(new Audience("urn:orders")), active.getAudience()),
                () -> assertTrue(active.getExpirationTime().getTime() > System.currentTimeMillis()),
                () -> assertEquals("Bearer", active.getTokenType().getValue()));
    }

    private static void assertError(HTTPResponse http, int status, String code) throws Exception {
        assertEquals(status, http.getStatusCode(), http.getBody());
        assertEquals(code, ErrorObject.parse(http).getCode());
        assertEquals("no-store", http.getHeaderValue("Cache-Control"));
    }
}
