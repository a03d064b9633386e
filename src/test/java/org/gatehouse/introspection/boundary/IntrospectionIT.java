package org.gatehouse.introspection.boundary;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.Subject;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import java.util.List;
import java.util.Map;
import org.gatehouse.testing.BackChannelScenario;
import org.gatehouse.testing.Http;
import org.junit.jupiter.api.Test;

/**
 * Introspection (RFC 7662) of JWT and reference access tokens, black-box, with the Nimbus OAuth SDK: the API
 * {@code urn:orders} introspects with its ApiSecrets, clients introspect their own tokens. Revocation is
 * {@link org.gatehouse.revocation.boundary.RevocationIT}'s. Configuration: src/test/resources/it/appsettings.json.
 */
class IntrospectionIT extends BackChannelScenario {

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
    void anApiThatAcceptsTheJwtResponseGetsOneSignedForItWithThePublishedKeys() throws Exception { // RFC 9701
        String token = token("orders", "orders.read");
        var response = Http.post(introspection, "application/x-www-form-urlencoded", "token=" + token,
                Map.of("Authorization", Http.basic("urn:orders", "secret"), "Accept", "application/token-introspection+jwt"));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/token-introspection+jwt", response.headers().firstValue("Content-Type").orElse(null));
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(null));

        var metadata = AuthorizationServerMetadata.resolve(new Issuer(issuer));
        var processor = new com.nimbusds.jwt.proc.DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier<>(
                new com.nimbusds.jose.JOSEObjectType("token-introspection+jwt")));
        processor.setJWSKeySelector(new com.nimbusds.jose.proc.JWSVerificationKeySelector<>(
                com.nimbusds.jose.JWSAlgorithm.Family.SIGNATURE, com.nimbusds.jose.jwk.source.JWKSourceBuilder
                        .create(metadata.getJWKSetURI().toURL()).build()));
        var claims = processor.process(response.body(), null);
        assertEquals(issuer, claims.getIssuer());
        assertEquals(List.of("urn:orders"), claims.getAudience());
        var members = claims.getJSONObjectClaim("token_introspection");
        assertEquals(true, members.get("active"));
        assertEquals("orders", members.get("client_id"));
        assertTrue(metadata.toJSONObject().containsKey("introspection_signing_alg_values_supported"));

        var json = Http.post(introspection, "application/x-www-form-urlencoded", "token=" + token,
                Map.of("Authorization", Http.basic("urn:orders", "secret"), "Accept", "application/json"));
        assertTrue(json.body().startsWith("{\"active\":true"), "JSON unless asked: " + json.body());
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

    // --- helpers ------------------------------------------------------------------------------------

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
}
