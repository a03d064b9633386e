package org.gatehouse.revocation.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.gatehouse.Fixtures;
import org.gatehouse.clients.control.TestClientStores;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.grants.control.GrantStore;
import org.gatehouse.grants.control.TestGrantStores;
import org.gatehouse.grants.entity.GrantType;
import org.gatehouse.issuance.control.RevokedJwts;
import org.gatehouse.issuance.control.TestTokenInspectors;
import org.gatehouse.keys.control.SigningKeys;
import org.gatehouse.keys.control.TestSigningKeys;
import org.gatehouse.protocol.entity.Form;
import org.gatehouse.protocol.entity.OAuthError;
import org.gatehouse.revocation.entity.RevocationResult;
import org.gatehouse.testing.MutableClock;
import org.junit.jupiter.api.Test;

/** {@link Revocation} (RFC 7009) with real tokens and clients: what goes, what stays, and what is refused. */
class RevocationTest {

    private static final String ISSUER = "https://gatehouse.example";

    private static final Client M2M = Fixtures.validClient(Fixtures.m2m("m2m"));
    private static final Client OTHER = Fixtures.validClient(Fixtures.m2m("other"));
    private static final Client PUBLIC = Fixtures.validClient(Fixtures.m2m("public", "\"RequireClientSecret\": false"));

    /** Now: a JWT's expiry is checked against the system's time (Nimbus's), a stored token's against the clock. */
    private final MutableClock clock = new MutableClock(Instant.now());
    private final SigningKeys keys = TestSigningKeys.started(clock);
    private final GrantStore grants = TestGrantStores.inMemory(clock);
    private final Revocation revocation = new Revocation();
    {
        revocation.clients = TestClientStores.authenticator(List.of(M2M, OTHER, PUBLIC), clock);
        revocation.grants = grants;
        revocation.inspector = TestTokenInspectors.of(keys, grants, clock);
        revocation.revokedJwts = TestTokenInspectors.revokedJwts(revocation.inspector);
        revocation.families = TestTokenInspectors.families(revocation.inspector, grants);
    }

    private static JWTClaimsSet claims(String clientId) {
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience("https://api.example").claim("client_id", clientId)
                .jwtID(UUID.randomUUID().toString()).expirationTime(Date.from(Instant.now().plusSeconds(3600))).build();
    }

    private String jwt(String clientId) throws JOSEException {
        return keys.signingKey(Set.of()).orElseThrow().sign(new JOSEObjectType("at+jwt"), claims(clientId));
    }

    private String stored(GrantType type, String clientId, String family) {
        return grants.create(type, clientId, "alice", "sid", family, Duration.ofHours(1),
                JSONObjectUtils.toJSONString(claims(clientId).toJSONObject()));
    }

    private static String basic(String id) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":secret").getBytes(StandardCharsets.UTF_8));
    }

    private static Form form(String... nameValues) {
        var parameters = new LinkedHashMap<String, List<String>>();
        for (int i = 0; i < nameValues.length; i += 2) {
            parameters.computeIfAbsent(nameValues[i], n -> new ArrayList<>()).add(nameValues[i + 1]);
        }
        return new Form(parameters);
    }

    private RevocationResult revoke(String authorization, Form form) {
        return revocation.revoke(Fixtures.channel(authorization, ISSUER), form).fold(r -> r, e -> {
            throw new AssertionError(e.toString());
        });
    }

    private OAuthError error(String authorization, Form form) {
        return revocation.revoke(Fixtures.channel(authorization, ISSUER), form).fold(r -> null, e -> e);
    }

    @Test
    void aRefreshTokenTakesItsWholeFamily() {
        String family = GrantStore.newFamily();
        String refresh = stored(GrantType.REFRESH_TOKEN, "m2m", family);
        String sibling = stored(GrantType.REFERENCE_TOKEN, "m2m", family);
        String stranger = stored(GrantType.REFERENCE_TOKEN, "m2m", GrantStore.newFamily());
        assertEquals(RevocationResult.REVOKED, revoke(basic("m2m"), form("token", refresh)));
        assertFalse(grants.exists(refresh));
        assertFalse(grants.exists(sibling));
        assertTrue(grants.exists(stranger));
    }

    /** §2.1: revoking a refresh token SHOULD invalidate the access tokens of its grant; JWTs included. */
    @Test
    void aRefreshTokenTakesItsFamilysJwtAccessTokens() throws JOSEException {
        String family = GrantStore.newFamily();
        String refresh = stored(GrantType.REFRESH_TOKEN, "m2m", family);
        var key = keys.signingKey(Set.of()).orElseThrow();
        String sibling = key.sign(new JOSEObjectType("at+jwt"),
                new JWTClaimsSet.Builder(claims("m2m")).jwtID(RevokedJwts.newJwtId(family)).build());
        String stranger = key.sign(new JOSEObjectType("at+jwt"),
                new JWTClaimsSet.Builder(claims("m2m")).jwtID(RevokedJwts.newJwtId(GrantStore.newFamily())).build());
        assertTrue(revocation.inspector.inspect(sibling, ISSUER).isPresent());

        assertEquals(RevocationResult.REVOKED, revoke(basic("m2m"), form("token", refresh)));
        assertTrue(revocation.inspector.inspect(sibling, ISSUER).isEmpty(), "inactive for introspection and userinfo");
        assertTrue(revocation.inspector.inspect(stranger, ISSUER).isPresent(), "only that family");
    }

    @Test
    void aReferenceTokenGoesAlone() {
        String family = GrantStore.newFamily();
        String reference = stored(GrantType.REFERENCE_TOKEN, "m2m", family);
        String refresh = stored(GrantType.REFRESH_TOKEN, "m2m", family);
        assertEquals(RevocationResult.REVOKED, revoke(basic("m2m"), form("token", reference, "token_type_hint", "access_token")));
        assertFalse(grants.exists(reference));
        assertTrue(grants.exists(refresh));
    }

    @Test
    void anUnknownTokenNeedsNoRevoking() { // §2.2: answered 200 all the same
        assertEquals(RevocationResult.UNKNOWN, revoke(basic("m2m"), form("token", "unknown")));
    }

    @Test
    void anotherClientsTokenIsRefusedAndKept() throws JOSEException {
        String reference = stored(GrantType.REFERENCE_TOKEN, "m2m", GrantStore.newFamily());
        assertEquals("invalid_grant", error(basic("other"), form("token", reference)).code());
        assertTrue(grants.exists(reference));
        assertEquals("invalid_grant", error(basic("other"), form("token", jwt("m2m"))).code());
    }

    @Test
    void aJwtAccessTokenIsRevokedByItsJtiUntilItExpires() throws JOSEException {
        String jwt = jwt("m2m");
        String other = jwt("m2m");
        assertEquals(RevocationResult.REVOKED, revoke(basic("m2m"), form("token", jwt)));
        assertTrue(revocation.inspector.inspect(jwt, ISSUER).isEmpty(), "inactive from now on, for introspection and userinfo");
        assertTrue(revocation.inspector.inspect(other, ISSUER).isPresent(), "only that token");
        assertEquals(RevocationResult.REVOKED, revoke(basic("m2m"), form("token", jwt)), "again: still 200 (§2.2)");
        clock.advance(Duration.ofSeconds(3602));
        assertTrue(grants.find("revoked-jwt:" + jtiOf(jwt)).isEmpty(), "remembered only until the token would have expired");
    }

    @Test
    void aJwtAccessTokenWithoutJtiCannotBeRevoked() throws JOSEException { // §2.2.1, IncludeJwtId false
        String jwt = keys.signingKey(Set.of()).orElseThrow().sign(new JOSEObjectType("at+jwt"), new JWTClaimsSet.Builder(
                claims("m2m")).jwtID(null).build());
        assertEquals("unsupported_token_type", error(basic("m2m"), form("token", jwt)).code());
    }

    private static String jtiOf(String jwt) {
        try {
            return SignedJWT.parse(jwt).getJWTClaimsSet().getJWTID();
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aPublicClientRevokesItsOwnTokens() { // §2.1: the client authenticates as it would at the token endpoint
        String refresh = stored(GrantType.REFRESH_TOKEN, "public", GrantStore.newFamily());
        assertEquals(RevocationResult.REVOKED, revoke(null, form("client_id", "public", "token", refresh)));
    }

    @Test
    void aStoredGrantThatIsNoTokenIsUnknown() { // a session handle is not for clients to revoke
        String session = grants.create(GrantType.USER_SESSION, "m2m", "alice", "sid", "sid", Duration.ofHours(1), "{}");
        assertEquals(RevocationResult.UNKNOWN, revoke(basic("m2m"), form("token", session)));
        assertTrue(grants.exists(session));
    }

    @Test
    void theCallerIsAuthenticatedBeforeTheTokenIsRead() {
        var error = error("Basic " + Base64.getEncoder().encodeToString("m2m:wrong".getBytes(StandardCharsets.UTF_8)), form());
        assertEquals("invalid_client", error.code());
        assertEquals(401, error.status());
        assertEquals("invalid_request", error(basic("m2m"), form()).code());
        assertEquals("invalid_client", error(null, form("token", "x")).code());
    }

    @Test
    void aRepeatedParameterIsInvalidRequest() {
        assertEquals("invalid_request", error(basic("m2m"), form("token", "a", "token", "b")).code());
    }
}
