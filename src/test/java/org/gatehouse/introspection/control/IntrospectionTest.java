package org.gatehouse.introspection.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gatehouse.Fixtures;
import org.gatehouse.clients.control.TestClientStores;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.grants.control.GrantStore;
import org.gatehouse.grants.control.TestGrantStores;
import org.gatehouse.grants.entity.GrantType;
import org.gatehouse.introspection.entity.IntrospectionResponse;
import org.gatehouse.issuance.control.TestTokenInspectors;
import org.gatehouse.keys.control.SigningKeys;
import org.gatehouse.keys.control.TestSigningKeys;
import org.gatehouse.protocol.entity.Form;
import org.gatehouse.protocol.entity.OAuthError;
import org.gatehouse.resources.control.TestResourceStores;
import org.gatehouse.resources.entity.ApiResource;
import org.gatehouse.resources.entity.Resources;
import org.gatehouse.testing.MutableClock;
import org.junit.jupiter.api.Test;

/**
 * {@link Introspection} (RFC 7662) with real tokens, clients and API resources: who may see which token, and
 * that every token the caller may not see is just inactive.
 */
class IntrospectionTest {

    private static final String ISSUER = "https://gatehouse.example";
    private static final String API = "https://api.example";

    private static final Client M2M = Fixtures.validClient(Fixtures.m2m("m2m"));
    private static final Client OTHER = Fixtures.validClient(Fixtures.m2m("other"));
    private static final Client PUBLIC = Fixtures.validClient(Fixtures.m2m("public", "\"RequireClientSecret\": false"));
    private static final ApiResource API_RESOURCE = new ApiResource(API, null, null, true, true, Set.of("api1"),
            M2M.secrets(), Set.of(), Set.of(), false, Map.of());
    private static final String REFERENCING = "https://referencing.example";
    private static final String CLEAR = "the API's secret, held by MicroProfile Config";
    private static final ApiResource REFERENCING_RESOURCE = new ApiResource(REFERENCING, null, null, true, true, Set.of("api1"),
            Fixtures.validClient(Fixtures.m2m("r").replaceFirst("\\{ \"Value\": \"[^\"]+\" \\}",
                    "{ \"Type\": \"SharedSecretReference\", \"Value\": \"\\${gatehouse.secrets.api}\" }")).secrets(),
            Set.of(), Set.of(), false, Map.of());
    private static final ApiResource NO_SECRETS = new ApiResource("https://open.example", null, null, true, true,
            Set.of("api1"), List.of(), Set.of(), Set.of(), false, Map.of());

    /** Now: a JWT's expiry is checked against the system's time (Nimbus's), a stored token's against the clock. */
    private final MutableClock clock = new MutableClock(Instant.now());
    private final SigningKeys keys = TestSigningKeys.started(clock);
    private final GrantStore grants = TestGrantStores.inMemory(clock);
    private final Introspection introspection = new Introspection();
    {
        introspection.clients = TestClientStores.authenticator(List.of(M2M, OTHER, PUBLIC), clock);
        introspection.resources = TestResourceStores.of(new Resources(List.of(), List.of(), List.of(API_RESOURCE, NO_SECRETS, REFERENCING_RESOURCE)));
        introspection.inspector = TestTokenInspectors.of(keys, grants, clock);
        introspection.clock = clock;
        introspection.referenced = org.gatehouse.clients.control.TestReferencedSecrets.of(Map.of("gatehouse.secrets.api", CLEAR));
        var jwts = new IntrospectionJwts();
        jwts.keys = keys;
        jwts.clock = clock;
        introspection.jwts = jwts;
    }

    /** The RFC 9701 response to {@code authorization} presenting {@code token}, its signature checked with the JWKS. */
    private SignedJWT introspectAsJwt(String authorization, String token) throws Exception {
        var jwt = SignedJWT.parse(introspection.introspectAsJwt(Fixtures.channel(authorization, ISSUER), form("token", token))
                .fold(r -> r, e -> { throw new AssertionError(e.toString()); }));
        var key = ((com.nimbusds.jose.jwk.AsymmetricJWK) keys.publicKeys().getKeyByKeyId(jwt.getHeader().getKeyID())).toPublicKey();
        assertTrue(jwt.verify(new com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory().createJWSVerifier(
                jwt.getHeader(), key)), "signed by a published key");
        return jwt;
    }

    @Test
    void theJwtResponseIsTypedForTheCallerAndHoldsTheMembersInsideTokenIntrospection() throws Exception { // RFC 9701 §5
        var jwt = introspectAsJwt(basic(API, "secret"), jwt("m2m", API));
        assertEquals(new JOSEObjectType("token-introspection+jwt"), jwt.getHeader().getType());
        var claims = jwt.getJWTClaimsSet();
        assertEquals(ISSUER, claims.getIssuer());
        assertEquals(List.of(API), claims.getAudience(), "for the API that asked");
        assertNotNull(claims.getIssueTime());
        assertNull(claims.getExpirationTime(), "the token's exp stays inside: the response is no token");
        var members = claims.getJSONObjectClaim("token_introspection");
        assertEquals(true, members.get("active"));
        assertEquals("m2m", members.get("client_id"));

        var inactive = introspectAsJwt(basic("other", "secret"), jwt("m2m", API)).getJWTClaimsSet();
        assertEquals(List.of("other"), inactive.getAudience());
        assertEquals(Map.of("active", false), inactive.getJSONObjectClaim("token_introspection"));
    }

    @Test
    void theJwtResponseOfACallerWhoseAlgorithmsGatehouseDoesNotSignWithIsAServerError() throws Exception {
        var picky = new ApiResource("https://picky.example", null, null, true, true, Set.of("api1"), M2M.secrets(),
                Set.of(), Set.of("EdDSA"), false, Map.of());
        introspection.resources = TestResourceStores.of(new Resources(List.of(), List.of(), List.of(picky)));
        var error = introspection.introspectAsJwt(Fixtures.channel(basic("https://picky.example", "secret"), ISSUER),
                form("token", jwt("m2m", "https://picky.example"))).fold(r -> null, e -> e);
        assertEquals("server_error", error.code());
    }

    private JWTClaimsSet claims(String clientId, String audience) {
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(audience).claim("client_id", clientId).claim("scope", "api1")
                .expirationTime(Date.from(clock.instant().plusSeconds(3600))).build();
    }

    private String jwt(String clientId, String audience) throws JOSEException {
        return keys.signingKey(Set.of()).orElseThrow().sign(new JOSEObjectType("at+jwt"), claims(clientId, audience));
    }

    private String stored(GrantType type, String clientId, String audience) {
        return grants.create(type, clientId, null, null, GrantStore.newFamily(), Duration.ofHours(1),
                JSONObjectUtils.toJSONString(claims(clientId, audience).toJSONObject()));
    }

    /** RFC 6749 §2.3.1: id and secret form-encoded first (an API's name is a URI, with colons). */
    private static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((Form.encode(id) + ":" + Form.encode(secret))
                .getBytes(StandardCharsets.UTF_8));
    }

    private static Form form(String... nameValues) {
        var parameters = new LinkedHashMap<String, List<String>>();
        for (int i = 0; i < nameValues.length; i += 2) {
            parameters.computeIfAbsent(nameValues[i], n -> new ArrayList<>()).add(nameValues[i + 1]);
        }
        return new Form(parameters);
    }

    private IntrospectionResponse introspect(String authorization, String token) {
        return introspection.introspect(Fixtures.channel(authorization, ISSUER), form("token", token)).fold(r -> r, e -> {
            throw new AssertionError(e.toString());
        });
    }

    private OAuthError error(String authorization, Form form) {
        return introspection.introspect(Fixtures.channel(authorization, ISSUER), form).fold(r -> null, e -> e);
    }

    @Test
    void aClientSeesItsOwnAccessTokenWithItsClaimsAndType() throws JOSEException {
        var response = introspect(basic("m2m", "secret"), jwt("m2m", API));
        assertTrue(response.isActive());
        assertEquals("m2m", response.members().get("client_id"));
        assertEquals("api1", response.members().get("scope"));
        assertEquals("Bearer", response.members().get("token_type"));
        assertTrue(response.toJson().startsWith("{\"active\":true,"), response.toJson());
    }

    @Test
    void aClientSeesItsOwnReferenceAndRefreshTokens() {
        assertEquals("Bearer", introspect(basic("m2m", "secret"), stored(GrantType.REFERENCE_TOKEN, "m2m", API))
                .members().get("token_type"));
        var refresh = introspect(basic("m2m", "secret"), stored(GrantType.REFRESH_TOKEN, "m2m", API));
        assertTrue(refresh.isActive());
        assertNull(refresh.members().get("token_type"), "a refresh token is no Bearer token");
    }

    @Test
    void anotherClientsTokenIsInactive() throws JOSEException {
        assertEquals(IntrospectionResponse.INACTIVE, introspect(basic("other", "secret"), jwt("m2m", API)));
    }

    @Test
    void anUnknownExpiredOrForeignTokenIsInactiveAndSaysNothingElse() {
        assertEquals("{\"active\":false}", introspect(basic("m2m", "secret"), "unknown").toJson());
        String reference = stored(GrantType.REFERENCE_TOKEN, "m2m", API);
        clock.advance(Duration.ofHours(2));
        assertFalse(introspect(basic("m2m", "secret"), reference).isActive());
    }

    @Test
    void anApiSeesAccessTokensMeantForIt() throws JOSEException {
        assertTrue(introspect(basic(API, "secret"), jwt("m2m", API)).isActive());
        assertTrue(introspect(basic(API, "secret"), stored(GrantType.REFERENCE_TOKEN, "other", API)).isActive());
        assertFalse(introspect(basic(API, "secret"), jwt("m2m", "https://elsewhere.example")).isActive());
        assertFalse(introspect(basic(API, "secret"), stored(GrantType.REFRESH_TOKEN, "m2m", API)).isActive(),
                "refresh tokens are the client's business, not the API's");
    }

    @Test
    void anApiAuthenticatesWithASecretItsSharedSecretReferenceNames() throws JOSEException {
        assertTrue(introspect(basic(REFERENCING, CLEAR), jwt("m2m", REFERENCING)).isActive());
        assertEquals("invalid_client", error(basic(REFERENCING, "secret"), form("token", jwt("m2m", REFERENCING))).code());
    }

    @Test
    void anApiWithAWrongSecretIsInvalidClient() throws JOSEException {
        var error = error(basic(API, "wrong"), form("token", jwt("m2m", API)));
        assertEquals("invalid_client", error.code());
        assertEquals(401, error.status());
    }

    @Test
    void anApiWithoutSecretsCannotIntrospect() throws JOSEException { // nor can it pass as a client
        assertEquals("invalid_client", error(basic("https://open.example", "secret"), form("token", jwt("m2m", API))).code());
    }

    @Test
    void aPublicClientCannotIntrospect() throws JOSEException {
        var error = error(null, form("client_id", "public", "token", jwt("public", API)));
        assertEquals("invalid_client", error.code());
        assertEquals("introspection needs client authentication", error.description());
    }

    @Test
    void aRequestWithoutCredentialsIsInvalidClient() {
        assertEquals("invalid_client", error(null, form("token", "anything")).code());
    }

    @Test
    void aMissingTokenIsInvalidRequestOnceTheCallerIsKnown() {
        assertEquals("invalid_request", error(basic("m2m", "secret"), form()).code());
        assertEquals("invalid_client", error(basic("m2m", "wrong"), form()).code());
    }

    @Test
    void aRepeatedOrOverlongParameterIsInvalidRequest() {
        assertEquals("invalid_request", error(basic("m2m", "secret"), form("token", "a", "token", "b")).code());
        assertEquals("invalid_request", error(basic("m2m", "secret"), form("token", "t".repeat(16_385))).code());
    }
}
