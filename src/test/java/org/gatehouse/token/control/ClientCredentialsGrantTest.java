package org.gatehouse.token.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gatehouse.Fixtures;
import org.gatehouse.clients.entity.AuthenticatedClient;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.clients.entity.Credentials;
import org.gatehouse.configuration.control.SettingsReader;
import org.gatehouse.grants.control.GrantStore;
import org.gatehouse.grants.control.TestGrantStores;
import org.gatehouse.grants.entity.GrantType;
import org.gatehouse.issuance.control.TestIssuers;
import org.gatehouse.keys.control.SigningKeys;
import org.gatehouse.keys.control.TestSigningKeys;
import org.gatehouse.protocol.entity.Form;
import org.gatehouse.protocol.entity.OAuthError;
import org.gatehouse.protocol.entity.Outcome;
import org.gatehouse.resources.control.TestResourceStores;
import org.gatehouse.resources.entity.ApiResource;
import org.gatehouse.resources.entity.ApiScope;
import org.gatehouse.resources.entity.Resources;
import org.gatehouse.resources.entity.StandardIdentityResources;
import org.gatehouse.testing.MutableClock;
import org.gatehouse.token.entity.TokenResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ClientCredentialsGrant} (RFC 6749 §4.4) with the real scope validator, the real access token issuer signing
 * with a real key, and the in-memory grant store: what the issued token says, read back from the JWT.
 */
class ClientCredentialsGrantTest {

    private static final String ISSUER = "https://gatehouse.example";
    private static final String API1 = "https://api1.example";
    private static final String API2 = "https://api2.example";
    /** APIs of scope api1 that must be named by a resource indicator, and accept only one signing algorithm. */
    private static final String STRICT_ES256 = "https://es256.example";
    private static final String STRICT_PS256 = "https://ps256.example";
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private static final Resources CATALOG = new Resources(StandardIdentityResources.ALL,
            List.of(scope("api1"), scope("api2"), scope("api3"), scope("orphan"),
                    new ApiScope("disabled", null, null, false, false, false, true, Set.of(), Map.of())),
            List.of(api(API1, "api1"), api(API2, "api2"), api("https://api3.example", "api3"),
                    strict(STRICT_ES256, "ES256"), strict(STRICT_PS256, "PS256")));

    private final MutableClock clock = new MutableClock(NOW);
    private final SigningKeys keys = TestSigningKeys.started(clock);
    private final GrantStore grants = TestGrantStores.inMemory(clock);
    private final ClientCredentialsGrant grant = new ClientCredentialsGrant();
    {
        grant.scopes = TestResourceStores.scopeValidator(CATALOG);
        var settings = new SettingsReader(name -> name.equals(SettingsReader.DEVELOPMENT) ? Optional.of("true")
                : Optional.empty()).read();
        grant.tokens = TestIssuers.accessTokens(keys, settings, grants, clock);
    }

    private static ApiScope scope(String name) {
        return new ApiScope(name, null, null, false, false, true, true, Set.of(), Map.of());
    }

    private static ApiResource api(String name, String... scopes) {
        return new ApiResource(name, null, null, true, true, Set.of(scopes), List.of(), Set.of(), Set.of(), false, Map.of());
    }

    private static ApiResource strict(String name, String algorithm) {
        return new ApiResource(name, null, null, true, true, Set.of("api1"), List.of(), Set.of(), Set.of(algorithm), true,
                Map.of());
    }

    /** A client_credentials client allowed api1, api2, orphan (no API) and disabled, but not api3. */
    private static Client m2m(String... fields) {
        var json = new StringBuilder("{ \"ClientId\": \"m2m\", \"ClientSecrets\": [ { \"Value\": \"" + Fixtures.SECRET_HASH
                + "\" } ], \"AllowedGrantTypes\": [ \"client_credentials\" ],"
                + " \"AllowedScopes\": [ \"api1\", \"api2\", \"orphan\", \"disabled\", \"openid\" ]");
        for (String field : fields) {
            json.append(", ").append(field);
        }
        return Fixtures.validClient(json.append(" }").toString());
    }

    private static Form form(String... nameValues) {
        var parameters = new LinkedHashMap<String, List<String>>();
        for (int i = 0; i < nameValues.length; i += 2) {
            parameters.computeIfAbsent(nameValues[i], n -> new ArrayList<>()).add(nameValues[i + 1]);
        }
        return new Form(parameters);
    }

    private TokenResponse issue(Client client, String... nameValues) {
        return handle(client, nameValues).fold(r -> r, e -> {
            throw new AssertionError(e.toString());
        });
    }

    private OAuthError error(Client client, String... nameValues) {
        return handle(client, nameValues).fold(r -> {
            throw new AssertionError("expected an error, got " + r);
        }, e -> e);
    }

    private Outcome<TokenResponse> handle(Client client, String... nameValues) {
        var authenticated = new AuthenticatedClient(client, Credentials.CLIENT_SECRET_BASIC);
        return grant.read(form(nameValues)).then(request -> grant.handle(authenticated, request, ISSUER));
    }

    /** The claims of a JWT access token whose signature the current public key verifies. */
    private JWTClaimsSet verified(String token) throws ParseException, JOSEException {
        var jwt = SignedJWT.parse(token);
        assertEquals(new JOSEObjectType("at+jwt"), jwt.getHeader().getType()); // RFC 9068 §2.1
        var key = keys.publicKeys().getKeyByKeyId(jwt.getHeader().getKeyID());
        assertNotNull(key, "signed with a published key");
        assertTrue(jwt.verify(new ECDSAVerifier(key.toECKey())));
        return jwt.getJWTClaimsSet();
    }

    @Test
    void withoutScopeTheClientGetsAllItsEnabledApiScopes() throws Exception {
        var response = issue(m2m());
        assertEquals("Bearer", response.tokenType());
        assertEquals("api1 api2 orphan", response.scope());
        assertNull(response.refreshToken()); // RFC 6749 §4.4.3: SHOULD NOT be included
        var claims = verified(response.accessToken());
        assertEquals(ISSUER, claims.getIssuer());
        assertEquals("m2m", claims.getSubject()); // RFC 9068 §2.2: the client itself
        assertEquals("m2m", claims.getStringClaim("client_id"));
        assertEquals("api1 api2 orphan", claims.getStringClaim("scope"));
        assertEquals(List.of(API1, API2), claims.getAudience());
        assertNotNull(claims.getJWTID());
    }

    @Test
    void theRequestedScopesAreGrantedAndOnlyTheirApisAreTheAudience() throws Exception {
        var response = issue(m2m(), "scope", "api2");
        assertEquals("api2", response.scope());
        var claims = verified(response.accessToken());
        assertEquals("api2", claims.getStringClaim("scope"));
        assertEquals(List.of(API2), claims.getAudience());
    }

    @Test
    void aScopeOfNoApiResourceHasTheStaticAudience() throws Exception { // RFC 9068 §2.2: aud is required
        var claims = verified(issue(m2m(), "scope", "orphan").accessToken());
        assertEquals(List.of(ISSUER + "/resources"), claims.getAudience());
    }

    /** RFC 6749 §5.2: unknown, not allowed, disabled, malformed, or needing a user (no identity scopes here). */
    @ParameterizedTest
    @ValueSource(strings = {"unknown", "api3", "disabled", "api1  api2", "api1 unknown", "openid", "offline_access",
            "api1 openid", "\"api1\""})
    void aScopeTheClientMayNotHaveIsInvalidScope(String scope) {
        assertEquals("invalid_scope", error(m2m(), "scope", scope).code());
    }

    @Test
    void aClientWithoutEnabledApiScopesAndNoScopeParameterIsInvalidScope() {
        var client = Fixtures.validClient(Fixtures.m2m("other")); // api1 only, and api1 is not in this catalog
        grant.scopes = TestResourceStores.scopeValidator(new Resources(List.of(), List.of(scope("api2")), List.of()));
        assertEquals("invalid_scope", error(client).code());
    }

    /** RFC 8707 §2: with resource indicators, the token is for those APIs only and carries only their scopes. */
    @Test
    void aResourceIndicatorNarrowsTheAudienceAndTheScopes() throws Exception {
        var response = issue(m2m(), "scope", "api1 api2", "resource", API1);
        assertEquals("api1", response.scope());
        var claims = verified(response.accessToken());
        assertEquals(List.of(API1), claims.getAudience());
        assertEquals("api1", claims.getStringClaim("scope"));
    }

    @Test
    void severalResourceIndicatorsAreTheAudienceTogether() throws Exception {
        var claims = verified(issue(m2m(), "resource", API2, "resource", API1).accessToken());
        assertEquals(List.of(API2, API1), claims.getAudience());
        assertEquals("api1 api2", claims.getStringClaim("scope"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://unknown.example", "https://api1.example#fragment", "/relative", "api1",
            "https://api3.example"})
    void anUnknownUnreachableOrMalformedResourceIsInvalidTarget(String resource) {
        var error = error(m2m(), "scope", "api1 api2", "resource", resource);
        assertEquals("invalid_target", error.code()); // RFC 8707 §2
        assertEquals(400, error.status());
    }

    @Test
    void aResourceTheRequestedScopesDoNotReachIsInvalidTarget() {
        assertEquals("invalid_target", error(m2m(), "scope", "api1", "resource", API2).code());
    }

    /** Duende's RequireResourceIndicator: such an API is in the audience only when a resource indicator names it. */
    @Test
    void anApiRequiringAnIndicatorIsInTheAudienceOnlyWhenNamed() throws Exception {
        assertEquals(List.of(API1), verified(issue(m2m(), "scope", "api1").accessToken()).getAudience());
        var response = issue(m2m(), "scope", "api1", "resource", STRICT_ES256);
        assertEquals(JWSAlgorithm.ES256, SignedJWT.parse(response.accessToken()).getHeader().getAlgorithm());
        assertEquals(List.of(STRICT_ES256), verified(response.accessToken()).getAudience());
    }

    @Test
    void apisWithoutACommonSigningAlgorithmAreInvalidTarget() {
        assertEquals("invalid_target", error(m2m(), "scope", "api1", "resource", STRICT_ES256, "resource", STRICT_PS256).code());
    }

    @Test
    void anApiWhoseAlgorithmNoKeyHasIsAServerError() { // prevented at start-up; here the only key is ES256
        var error = error(m2m(), "scope", "api1", "resource", STRICT_PS256);
        assertEquals("server_error", error.code());
        assertEquals(500, error.status());
    }

    @Test
    void theAccessTokenLifetimeIsExpAndExpiresIn() throws Exception {
        var response = issue(m2m("\"AccessTokenLifetime\": 120"), "scope", "api1");
        assertEquals(120, response.expiresIn());
        var claims = verified(response.accessToken());
        assertEquals(NOW, claims.getIssueTime().toInstant());
        assertEquals(NOW, claims.getNotBeforeTime().toInstant());
        assertEquals(NOW.plusSeconds(120), claims.getExpirationTime().toInstant());
    }

    @Test
    void theDefaultLifetimeIsAnHour() throws Exception {
        var response = issue(m2m(), "scope", "api1");
        assertEquals(3600, response.expiresIn());
        assertEquals(NOW.plusSeconds(3600), verified(response.accessToken()).getExpirationTime().toInstant());
    }

    @Test
    void theClientClaimsAreInTheTokenWithTheDefaultPrefixAndTheirTypes() throws Exception {
        var claims = verified(issue(m2m("\"Claims\": [ { \"Type\": \"tier\", \"Value\": \"gold\" },"
                + " { \"Type\": \"level\", \"Value\": \"3\", \"ValueType\": \"http://www.w3.org/2001/XMLSchema#integer\" },"
                + " { \"Type\": \"role\", \"Value\": \"reader\" }, { \"Type\": \"role\", \"Value\": \"writer\" } ]"),
                "scope", "api1").accessToken());
        assertEquals("gold", claims.getClaim("client_tier"));
        assertEquals(3L, claims.getClaim("client_level"));
        assertEquals(List.of("reader", "writer"), claims.getStringListClaim("client_role")); // repeated: an array
        assertNull(claims.getClaim("tier"));
    }

    @Test
    void theClientClaimsPrefixNamesThem() throws Exception {
        var claims = verified(issue(m2m("\"ClientClaimsPrefix\": \"m2m.\"",
                "\"Claims\": [ { \"Type\": \"tier\", \"Value\": \"gold\" } ]"), "scope", "api1").accessToken());
        assertEquals("gold", claims.getClaim("m2m.tier"));
        assertNull(claims.getClaim("client_tier"));

        var unprefixed = verified(issue(m2m("\"ClientClaimsPrefix\": \"\"",
                "\"Claims\": [ { \"Type\": \"tier\", \"Value\": \"gold\" } ]"), "scope", "api1").accessToken());
        assertEquals("gold", unprefixed.getClaim("tier"));
    }

    /** AccessTokenType Reference: an opaque handle to the same claims, kept in the grant store for the lifetime. */
    @Test
    void aReferenceTokenIsAHandleToClaimsInTheGrantStore() throws Exception {
        var response = issue(m2m("\"AccessTokenType\": \"Reference\"", "\"AccessTokenLifetime\": 300",
                "\"Claims\": [ { \"Type\": \"tier\", \"Value\": \"gold\" } ]"), "scope", "api1 api2", "resource", API2);
        assertEquals(300, response.expiresIn());
        assertEquals("api2", response.scope());
        assertThrows(ParseException.class, () -> SignedJWT.parse(response.accessToken()));

        var stored = grants.find(response.accessToken()).orElseThrow();
        assertEquals(GrantType.REFERENCE_TOKEN, stored.type());
        assertEquals("m2m", stored.clientId());
        assertEquals("m2m", stored.subjectId());
        assertEquals(NOW.plusSeconds(300), stored.expires());
        var claims = JWTClaimsSet.parse(stored.data());
        assertEquals(ISSUER, claims.getIssuer());
        assertEquals("m2m", claims.getStringClaim("client_id"));
        assertEquals("api2", claims.getStringClaim("scope"));
        assertEquals(List.of(API2), claims.getAudience());
        assertEquals("gold", claims.getClaim("client_tier"));
        assertEquals(NOW.plusSeconds(300), claims.getExpirationTime().toInstant());

        clock.advance(Duration.ofSeconds(300));
        assertTrue(grants.find(response.accessToken()).isEmpty(), "gone with its lifetime");
    }

    @Test
    void aJwtIsNotStored() throws Exception {
        var response = issue(m2m(), "scope", "api1");
        assertTrue(grants.find(response.accessToken()).isEmpty());
        assertEquals(Map.of(), grants.createdSince(GrantType.REFERENCE_TOKEN, Instant.EPOCH));
    }

    @Test
    void onlyConfidentialClientsAllowedTheGrantMayUseIt() { // RFC 6749 §4.4
        var m2m = m2m();
        var permitted = new AuthenticatedClient(m2m, Credentials.CLIENT_SECRET_POST);
        assertEquals(permitted, grant.permit(permitted).fold(c -> c, e -> null));
        var unauthenticated = grant.permit(new AuthenticatedClient(m2m, Credentials.NONE)).fold(c -> null, e -> e);
        assertEquals("unauthorized_client", unauthenticated.code());
        var web = Fixtures.validClient(Fixtures.client("web", "[ \"authorization_code\" ]",
                "\"RedirectUris\": [ \"https://app.example/cb\" ]"));
        var notAllowed = grant.permit(new AuthenticatedClient(web, Credentials.CLIENT_SECRET_BASIC)).fold(c -> null, e -> e);
        assertEquals("unauthorized_client", notAllowed.code());
    }
}
