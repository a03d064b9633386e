package org.gatehouse.token.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
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
import org.gatehouse.claims.control.IdentityClaims;
import org.gatehouse.claims.control.TestIdentityClaims;
import org.gatehouse.claims.entity.RequestedClaims;
import org.gatehouse.clients.control.TestClientStores;
import org.gatehouse.clients.entity.AuthenticatedClient;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.clients.entity.Credentials;
import org.gatehouse.configuration.control.SettingsReader;
import org.gatehouse.grants.control.GrantStore;
import org.gatehouse.grants.control.TestGrantStores;
import org.gatehouse.grants.entity.Grant;
import org.gatehouse.grants.entity.GrantType;
import org.gatehouse.issuance.control.AccessTokenIssuer;
import org.gatehouse.issuance.control.RefreshTokens;
import org.gatehouse.issuance.control.TestIssuers;
import org.gatehouse.issuance.control.TestTokenInspectors;
import org.gatehouse.issuance.control.TokenInspector;
import org.gatehouse.issuance.entity.InspectedToken;
import org.gatehouse.issuance.entity.UserGrant;
import org.gatehouse.keys.control.SigningKeys;
import org.gatehouse.keys.control.TestSigningKeys;
import org.gatehouse.logout.control.TestSessionEnds;
import org.gatehouse.protocol.entity.Confirmation;
import org.gatehouse.protocol.entity.Form;
import org.gatehouse.protocol.entity.OAuthError;
import org.gatehouse.protocol.entity.Outcome;
import org.gatehouse.resources.control.ResourceStore;
import org.gatehouse.resources.control.TestResourceStores;
import org.gatehouse.resources.entity.ApiResource;
import org.gatehouse.resources.entity.ApiScope;
import org.gatehouse.resources.entity.Resources;
import org.gatehouse.resources.entity.StandardIdentityResources;
import org.gatehouse.sessions.control.SessionStore;
import org.gatehouse.sessions.control.TestSessionStores;
import org.gatehouse.testing.MutableClock;
import org.gatehouse.token.entity.TokenResponse;
import org.gatehouse.users.control.TestUserProfiles;
import org.gatehouse.users.entity.UserClaim;
import org.gatehouse.users.entity.UserProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link RefreshTokenGrant} (RFC 6749 §6) with real collaborators: refresh tokens in the in-memory grant store as the
 * authorization code grant stores them, access and ID tokens signed with a real key, claims from a real user profile.
 */
class RefreshTokenGrantTest {

    private static final String ISSUER = "https://gatehouse.example";
    private static final String API1 = "https://api1.example";
    private static final String API2 = "https://api2.example";
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final String REPLAYED = "the refresh token was already used; its grant is revoked";

    /** All the user was granted at sign-in: identity scopes, two API scopes and offline_access. */
    private static final List<String> GRANTED = List.of("openid", "profile", "email", "api1", "api2", "offline_access");

    /** api1 asks for role, its API for team; api2 asks for department. */
    private static final Resources CATALOG = new Resources(StandardIdentityResources.ALL,
            List.of(new ApiScope("api1", null, null, false, false, true, true, Set.of("role"), Map.of()),
                    new ApiScope("api2", null, null, false, false, true, true, Set.of("department"), Map.of())),
            List.of(new ApiResource(API1, null, null, true, true, Set.of("api1"), List.of(), Set.of("team"), Set.of(), false,
                    Map.of()),
                    new ApiResource(API2, null, null, true, true, Set.of("api2"), List.of(), Set.of(), Set.of(), false,
                            Map.of())));

    private static final UserProfile ALICE = new UserProfile("alice", "alice", List.of(
            new UserClaim("name", "Alice Smith", UserClaim.STRING),
            new UserClaim("email", "alice@example.com", UserClaim.STRING),
            new UserClaim("role", "admin", UserClaim.STRING),
            new UserClaim("team", "blue", UserClaim.STRING),
            new UserClaim("department", "R&D", UserClaim.STRING)));

    private static final UserGrant SIGN_IN = new UserGrant("alice", "session-1", T0.minusSeconds(60), List.of("pwd"));

    private final MutableClock clock = new MutableClock(T0);
    private final SigningKeys keys = TestSigningKeys.started(clock);
    private final GrantStore grants = TestGrantStores.inMemory(clock);
    private final ResourceStore resources = TestResourceStores.of(CATALOG);
    private final IdentityClaims identityClaims = TestIdentityClaims.of(resources, TestUserProfiles.of(ALICE));
    private final RefreshTokens refreshTokens = TestIssuers.refreshTokens(grants, clock);
    private final RefreshTokenGrant grant = new RefreshTokenGrant();
    private final TokenInspector inspector = TestTokenInspectors.of(keys, grants, clock);
    {
        var settings = new SettingsReader(name -> name.equals(SettingsReader.DEVELOPMENT) ? Optional.of("true")
                : Optional.empty()).read();
        AccessTokenIssuer accessTokens = TestIssuers.accessTokens(keys, settings, grants, clock);
        grant.refreshTokens = refreshTokens;
        grant.grants = grants;
        grant.tokens = TestIssuers.userTokens(accessTokens, TestIssuers.identityTokens(keys, clock));
        grant.identityClaims = identityClaims;
        grant.resources = resources;
        grant.scopeValidator = TestResourceStores.scopeValidator(CATALOG);
        grant.families = TestTokenInspectors.families(inspector, grants);
        grant.sessions = TestSessionStores.of(grants, clock);
        grant.sessionEnd = TestSessionEnds.of(grant.sessions, TestClientStores.of(List.of()), grants, grant.families);
    }

    /** A confidential client with the refresh token grant, allowed the scopes of {@link #GRANTED}. */
    private static Client client(String clientId, String... fields) {
        var json = new StringBuilder("{ \"ClientId\": \"" + clientId + "\", \"ClientSecrets\": [ { \"Value\": \""
                + Fixtures.SECRET_HASH + "\" } ], \"AllowedGrantTypes\": [ \"authorization_code\" ],"
                + " \"RedirectUris\": [ \"https://app.example/cb\" ], \"AllowOfflineAccess\": true,"
                + " \"AllowedScopes\": [ \"openid\", \"profile\", \"email\", \"api1\", \"api2\" ]");
        for (String field : fields) {
            json.append(", ").append(field);
        }
        return Fixtures.validClient(json.append(" }").toString());
    }

    /** The first refresh token of alice's grant, stored now as the authorization code grant stores it. */
    private String firstRefreshToken(Client client) {
        var audiences = List.of(API1, API2);
        var claims = identityClaims.forTokens("alice", GRANTED, audiences, false, Set.of());
        return refreshTokens.issue(client, refreshTokens.first(client, SIGN_IN, GRANTED, audiences, Set.of(), claims.api(),
                RequestedClaims.NONE, GrantStore.newFamily()));
    }

    private static Form form(String... nameValues) {
        var parameters = new LinkedHashMap<String, List<String>>();
        for (int i = 0; i < nameValues.length; i += 2) {
            parameters.computeIfAbsent(nameValues[i], n -> new ArrayList<>()).add(nameValues[i + 1]);
        }
        return new Form(parameters);
    }

    private Outcome<TokenResponse> handle(Client client, String refreshToken, String... scope) {
        var nameValues = new ArrayList<>(List.of("grant_type", "refresh_token", "refresh_token", refreshToken));
        if (scope.length > 0) {
            nameValues.addAll(List.of("scope", scope[0]));
        }
        var authenticated = new AuthenticatedClient(client, Credentials.CLIENT_SECRET_BASIC);
        return grant.permit(authenticated)
                .then(permitted -> grant.read(form(nameValues.toArray(String[]::new))))
                .then(request -> grant.handle(authenticated, request, ISSUER));
    }

    private TokenResponse refresh(Client client, String refreshToken, String... scope) {
        return handle(client, refreshToken, scope).fold(r -> r, e -> {
            throw new AssertionError(e.toString());
        });
    }

    private OAuthError error(Client client, String refreshToken, String... scope) {
        return handle(client, refreshToken, scope).fold(r -> {
            throw new AssertionError("expected an error, got " + r);
        }, e -> e);
    }

    /** The claims of a JWT whose signature the published key verifies. */
    private JWTClaimsSet verified(String token) throws ParseException, JOSEException {
        var jwt = SignedJWT.parse(token);
        var key = keys.publicKeys().getKeyByKeyId(jwt.getHeader().getKeyID());
        assertNotNull(key, "signed with a published key");
        assertTrue(jwt.verify(new ECDSAVerifier(key.toECKey())));
        return jwt.getJWTClaimsSet();
    }

    private Grant stored(String handle) {
        return grants.find(handle).orElseThrow(() -> new AssertionError("no grant " + handle));
    }

    @Test
    void aRefreshIssuesAccessAndIdTokensForTheUserOfTheGrant() throws Exception {
        var client = client("web");
        var response = refresh(client, firstRefreshToken(client));
        assertEquals("Bearer", response.tokenType());
        assertEquals(3600, response.expiresIn());
        assertEquals(String.join(" ", GRANTED), response.scope()); // without scope: all that were granted

        var access = verified(response.accessToken());
        assertEquals(ISSUER, access.getIssuer());
        assertEquals("alice", access.getSubject());
        assertEquals("web", access.getStringClaim("client_id"));
        assertEquals("session-1", access.getStringClaim("sid"));
        assertEquals(SIGN_IN.authTime().getEpochSecond(), access.getLongClaim("auth_time"));
        assertEquals(List.of("pwd"), access.getStringListClaim("amr"));
        assertEquals(String.join(" ", GRANTED), access.getStringClaim("scope"));
        assertEquals(List.of(API1, API2), access.getAudience());
        assertEquals(T0.plusSeconds(3600), access.getExpirationTime().toInstant());
        // The API claims stored with the grant.
        assertEquals("admin", access.getClaim("role"));
        assertEquals("blue", access.getClaim("team"));
        assertEquals("R&D", access.getClaim("department"));
        assertNull(access.getClaim("email"), "an identity claim is not for APIs");

        var id = verified(response.idToken());
        assertEquals("alice", id.getSubject());
        assertEquals(List.of("web"), id.getAudience());
        assertNull(id.getClaim("email"), "user claims only with AlwaysIncludeUserClaimsInIdToken");
    }

    /** OneTimeOnly (the default): the token is used up and replaced by one of the same grant. */
    @Test
    void oneTimeOnlyRotatesTheRefreshToken() throws Exception {
        var client = client("web");
        String first = firstRefreshToken(client);
        String family = stored(first).familyId();

        clock.advance(Duration.ofMinutes(10));
        var response = refresh(client, first);
        assertNotNull(response.refreshToken());
        assertNotEquals(first, response.refreshToken());
        assertTrue(stored(first).isConsumed());
        var next = stored(response.refreshToken());
        assertEquals(GrantType.REFRESH_TOKEN, next.type());
        assertFalse(next.isConsumed());
        assertEquals(family, next.familyId());
        assertEquals("web", next.clientId());
        assertEquals("alice", next.subjectId());

        var again = refresh(client, response.refreshToken());
        assertNotEquals(response.refreshToken(), again.refreshToken());
        assertEquals("alice", verified(again.accessToken()).getSubject());
    }

    /** RFC 6749 §10.4, RFC 9700 §4.14.2: a used one-time token presented again revokes its whole family. */
    @Test
    void aReplayedOneTimeTokenRevokesTheFamily() {
        var client = client("web");
        String first = firstRefreshToken(client);
        String successor = refresh(client, first).refreshToken();

        var replay = error(client, first);
        assertEquals("invalid_grant", replay.code());
        assertEquals(REPLAYED, replay.description());
        assertTrue(grants.find(first).isEmpty(), "the replayed token is gone");
        assertTrue(grants.find(successor).isEmpty(), "and so is the legitimate successor");
        assertEquals("invalid_grant", error(client, successor).code());
    }

    @Test
    void aReplayRevokesTheReferenceAccessTokensOfTheFamilyToo() {
        var client = client("web", "\"AccessTokenType\": \"Reference\"");
        String first = firstRefreshToken(client);
        var response = refresh(client, first);
        var reference = stored(response.accessToken());
        assertEquals(GrantType.REFERENCE_TOKEN, reference.type());
        assertEquals(stored(first).familyId(), reference.familyId());

        assertEquals("invalid_grant", error(client, first).code());
        assertTrue(grants.find(response.accessToken()).isEmpty());
        assertTrue(grants.find(response.refreshToken()).isEmpty());
    }

    /** RFC 9700 §4.14.2: the JWT access tokens the family issued are revoked too, for introspection and userinfo. */
    @Test
    void aReplayRevokesTheJwtAccessTokensOfTheFamilyToo() throws ParseException {
        var client = client("web");
        String first = firstRefreshToken(client);
        var response = refresh(client, first);
        var issued = new InspectedToken(InspectedToken.Kind.JWT_ACCESS_TOKEN,
                SignedJWT.parse(response.accessToken()).getJWTClaimsSet().toJSONObject());
        var revoked = TestTokenInspectors.revokedJwts(inspector);
        assertFalse(revoked.isRevoked(issued));

        assertEquals("invalid_grant", error(client, first).code());
        assertTrue(revoked.isRevoked(issued));
    }

    /**
     * A grant store over {@link #grants} that lets a rival request act at the moment this one consumes its token:
     * what concurrent requests on two threads (or nodes) can do between the steps of one refresh.
     */
    private final class Racing extends GrantStore {

        Runnable beforeConsume = () -> { };
        Runnable afterConsume = () -> { };

        @Override
        public String create(GrantType type, String clientId, String subjectId, String sessionId, String familyId,
                Duration lifetime, String data) {
            return grants.create(type, clientId, subjectId, sessionId, familyId, lifetime, data);
        }

        @Override
        public Optional<Grant> find(String handle) {
            return grants.find(handle);
        }

        @Override
        public boolean exists(String handle) {
            return grants.exists(handle);
        }

        @Override
        public boolean consume(String handle) {
            beforeConsume.run();
            boolean consumed = grants.consume(handle);
            afterConsume.run();
            return consumed;
        }

        @Override
        public boolean extend(String handle, Instant expires) {
            return grants.extend(handle, expires);
        }

        @Override
        public int removeFamily(String familyId) {
            return grants.removeFamily(familyId);
        }
    }

    private Racing racing() {
        var racing = new Racing();
        grant.grants = racing;
        grant.refreshTokens = TestIssuers.refreshTokens(racing, clock);
        return racing;
    }

    /** Two refreshes with one one-time token at once: the one that loses the consume revokes the family. */
    @Test
    void theLoserOfTwoConcurrentRefreshesRevokesTheFamily() {
        var client = client("web");
        String handle = firstRefreshToken(client);
        racing().beforeConsume = () -> grants.consume(handle); // the rival consumes it between our find and our consume

        var error = error(client, handle);
        assertEquals("invalid_grant", error.code());
        assertEquals(REPLAYED, error.description());
        assertTrue(grants.find(handle).isEmpty());
    }

    /** A replay that revokes the family after this refresh consumed the token but before it stored the successor. */
    @Test
    void aSuccessorThatEscapedARacingReplayIsRevokedToo() {
        var client = client("web");
        String handle = firstRefreshToken(client);
        String family = stored(handle).familyId();
        racing().afterConsume = () -> grants.removeFamily(family); // the replay, seeing the token used

        var error = error(client, handle);
        assertEquals("invalid_grant", error.code());
        assertEquals(REPLAYED, error.description());
        assertEquals(Map.of(), grants.createdSince(GrantType.REFRESH_TOKEN, Instant.EPOCH), "no refresh token survives");
    }

    /** ReUse: the same handle serves every refresh, and is never used up. */
    @Test
    void reUseKeepsTheHandle() throws Exception {
        var client = client("web", "\"RefreshTokenUsage\": \"ReUse\"");
        String handle = firstRefreshToken(client);
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofMinutes(5));
            var response = refresh(client, handle);
            assertEquals(handle, response.refreshToken());
            assertFalse(stored(handle).isConsumed());
            assertEquals(clock.instant(), verified(response.accessToken()).getIssueTime().toInstant());
        }
        assertEquals(1, grants.createdSince(GrantType.REFRESH_TOKEN, Instant.EPOCH).size(), "no new refresh token stored");
    }

    /** Sliding: each use extends the token by the sliding lifetime, never past the absolute end. */
    @Test
    void aSlidingTokenIsExtendedByEachUseUpToTheAbsoluteEnd() {
        var client = client("web", "\"RefreshTokenUsage\": \"ReUse\"", "\"RefreshTokenExpiration\": \"Sliding\"",
                "\"SlidingRefreshTokenLifetime\": 600", "\"AbsoluteRefreshTokenLifetime\": 1500");
        String handle = firstRefreshToken(client);
        assertEquals(T0.plusSeconds(600), stored(handle).expires());

        clock.set(T0.plusSeconds(500));
        refresh(client, handle);
        assertEquals(T0.plusSeconds(1100), stored(handle).expires());

        clock.set(T0.plusSeconds(1000)); // past the first 600 s: alive only because it was extended
        refresh(client, handle);
        assertEquals(T0.plusSeconds(1500), stored(handle).expires(), "capped at the absolute end");

        clock.set(T0.plusSeconds(1500));
        assertEquals("invalid_grant", error(client, handle).code());
    }

    @Test
    void anUnusedSlidingTokenExpiresAfterTheSlidingLifetime() {
        var client = client("web", "\"RefreshTokenUsage\": \"ReUse\"", "\"RefreshTokenExpiration\": \"Sliding\"",
                "\"SlidingRefreshTokenLifetime\": 600", "\"AbsoluteRefreshTokenLifetime\": 3600");
        String handle = firstRefreshToken(client);
        clock.set(T0.plusSeconds(600));
        assertEquals("invalid_grant", error(client, handle).code());
    }

    /** Absolute: a use does not extend it; it ends AbsoluteRefreshTokenLifetime after the first token. */
    @Test
    void anAbsoluteTokenIsNotExtendedByUse() {
        var client = client("web", "\"RefreshTokenUsage\": \"ReUse\"", "\"RefreshTokenExpiration\": \"Absolute\"",
                "\"SlidingRefreshTokenLifetime\": 600", "\"AbsoluteRefreshTokenLifetime\": 3600");
        String handle = firstRefreshToken(client);
        assertEquals(T0.plusSeconds(3600), stored(handle).expires());

        clock.set(T0.plusSeconds(3000)); // past the sliding lifetime, which Absolute ignores
        refresh(client, handle);
        assertEquals(T0.plusSeconds(3600), stored(handle).expires());

        clock.set(T0.plusSeconds(3600));
        assertEquals("invalid_grant", error(client, handle).code());
    }

    @Test
    void aRotatedAbsoluteTokenKeepsTheEndOfTheFirst() {
        var client = client("web", "\"RefreshTokenExpiration\": \"Absolute\"", "\"AbsoluteRefreshTokenLifetime\": 3600");
        String first = firstRefreshToken(client);
        clock.set(T0.plusSeconds(3000));
        String next = refresh(client, first).refreshToken();
        assertEquals(T0.plusSeconds(3600), stored(next).expires());
    }

    @Test
    void aRotatedSlidingTokenGetsTheSlidingLifetimeFromNow() {
        var client = client("web", "\"RefreshTokenExpiration\": \"Sliding\"", "\"SlidingRefreshTokenLifetime\": 600",
                "\"AbsoluteRefreshTokenLifetime\": 1500");
        String first = firstRefreshToken(client);
        clock.set(T0.plusSeconds(500));
        String next = refresh(client, first).refreshToken();
        assertEquals(T0.plusSeconds(1100), stored(next).expires());
        clock.set(T0.plusSeconds(1000));
        assertEquals(T0.plusSeconds(1500), stored(refresh(client, next).refreshToken()).expires(), "capped at the absolute end");
    }

    /** RFC 8705 §4, RFC 9449 §5: a public client's bound token is refreshed only by whoever proves its keys. */
    @Test
    void aTokenBoundToACertificateIsRefreshedOnlyWithItAndItsSuccessorStaysBound() throws Exception {
        var client = client("native", "\"RequireClientSecret\": false", "\"RefreshTokenUsage\": \"OneTimeOnly\"");
        var bound = Confirmation.certificate("x5t-of-the-apps-certificate");
        var audiences = List.of(API1, API2);
        var claims = identityClaims.forTokens("alice", GRANTED, audiences, false, Set.of());
        String handle = refreshTokens.issue(client, refreshTokens.first(client, SIGN_IN, GRANTED, audiences, Set.of(),
                claims.api(), RequestedClaims.NONE, GrantStore.newFamily()).boundTo(Optional.of(bound)));
        var request = grant.read(form("grant_type", "refresh_token", "refresh_token", handle)).fold(r -> r, e -> null);

        var unproved = grant.handle(new AuthenticatedClient(client, Credentials.NONE), request, ISSUER);
        assertEquals("the refresh token is bound to a TLS client certificate this request does not prove",
                unproved.fold(r -> "issued", OAuthError::description));
        var another = grant.handle(new AuthenticatedClient(client, Credentials.NONE, Optional.of(Confirmation.certificate("x5t-other"))),
                request, ISSUER);
        assertEquals("invalid_grant", another.fold(r -> "issued", OAuthError::code));

        var proved = new AuthenticatedClient(client, Credentials.NONE, Optional.of(bound));
        var refreshed = grant.handle(proved, request, ISSUER).fold(r -> r, e -> { throw new AssertionError(e.toString()); });
        assertEquals(Map.of("x5t#S256", "x5t-of-the-apps-certificate"), verified(refreshed.accessToken()).getJSONObjectClaim("cnf"));
        assertEquals(bound, RefreshTokens.read(stored(refreshed.refreshToken())).confirmation(), "the successor is bound too");
    }

    @Test
    void anExpiredTokenIsInvalidGrant() {
        var client = client("web", "\"AbsoluteRefreshTokenLifetime\": 3600");
        String handle = firstRefreshToken(client);
        clock.set(T0.plusSeconds(3600));
        var error = error(client, handle);
        assertEquals("invalid_grant", error.code());
        assertEquals(400, error.status());
    }

    @Test
    void anUnknownTokenIsInvalidGrant() {
        assertEquals("invalid_grant", error(client("web"), "not-a-handle").code());
    }

    @Test
    void anotherKindOfGrantIsNoRefreshToken() {
        var client = client("web", "\"AccessTokenType\": \"Reference\"");
        String reference = refresh(client, firstRefreshToken(client)).accessToken();
        assertEquals("invalid_grant", error(client, reference).code());
    }

    /** §6: the token is bound to its client; another client's attempt is refused and leaves the token usable. */
    @Test
    void theRefreshTokenOfAnotherClientIsInvalidGrant() {
        var owner = client("web");
        var thief = client("other");
        String handle = firstRefreshToken(owner);

        var error = error(thief, handle);
        assertEquals("invalid_grant", error.code());
        assertEquals("the refresh token was issued to another client", error.description());
        assertFalse(stored(handle).isConsumed(), "not used up by the other client");
        assertNotNull(refresh(owner, handle).accessToken());

        assertEquals("invalid_grant", error(thief, handle).code(), "a used one is no replay for another client");
        assertTrue(grants.find(handle).isPresent(), "so it revokes nothing");
    }

    /** §6: a narrower scope yields only those scopes, the APIs they reach, and the stored claims those still ask for. */
    @Test
    void aNarrowedScopeKeepsOnlyItsScopesApisAndClaims() throws Exception {
        var client = client("web");
        var response = refresh(client, firstRefreshToken(client), "openid api1");
        assertEquals("openid api1", response.scope());

        var access = verified(response.accessToken());
        assertEquals("openid api1", access.getStringClaim("scope"));
        assertEquals(List.of(API1), access.getAudience());
        assertEquals("admin", access.getClaim("role"));
        assertEquals("blue", access.getClaim("team"));
        assertNull(access.getClaim("department"), "api2's claim went with api2");
        assertNotNull(response.idToken());
    }

    /** The grant's response to the refresh token sent with {@code extra} name-value pairs. */
    private Outcome<TokenResponse> handleWith(Client client, String refreshToken, String... extra) {
        var nameValues = new ArrayList<>(List.of("grant_type", "refresh_token", "refresh_token", refreshToken));
        nameValues.addAll(List.of(extra));
        var authenticated = new AuthenticatedClient(client, Credentials.CLIENT_SECRET_BASIC);
        return grant.read(form(nameValues.toArray(String[]::new))).then(request -> grant.handle(authenticated, request, ISSUER));
    }

    @Test
    void aResourceIndicatorNarrowsTheAccessTokenToOneApiOfTheGrantAndTheRefreshTokenKeepsAll() throws Exception { // RFC 8707 §2.2
        var client = client("web", "\"RefreshTokenUsage\": \"ReUse\"");
        String handle = firstRefreshToken(client);
        var forApi2 = handleWith(client, handle, "resource", API2).fold(r -> r, e -> { throw new AssertionError(e.toString()); });
        assertEquals("openid profile email api2 offline_access", forApi2.scope(), "identity scopes stay, api1 goes with its API");
        var access = verified(forApi2.accessToken());
        assertEquals(List.of(API2), access.getAudience());
        assertEquals("R&D", access.getClaim("department"));
        assertNull(access.getClaim("team"), "api1's resource claim went with it");

        var forApi1 = handleWith(client, handle, "resource", API1).fold(r -> r, e -> { throw new AssertionError(e.toString()); });
        assertEquals(List.of(API1), verified(forApi1.accessToken()).getAudience(), "the grant kept api1");
        assertEquals("blue", verified(forApi1.accessToken()).getClaim("team"));
        var both = handleWith(client, handle, "resource", API1, "resource", API2).fold(r -> r, e -> { throw new AssertionError(e.toString()); });
        assertEquals(List.of(API1, API2), verified(both.accessToken()).getAudience());
    }

    @Test
    void aResourceOutsideTheGrantOrMalformedIsInvalidTargetAndUsesNothingUp() {
        var client = client("web");
        String handle = firstRefreshToken(client);
        for (String resource : List.of("https://other.example/api", "not a uri", API1 + "#fragment")) {
            assertEquals("invalid_target", handleWith(client, handle, "resource", resource).fold(r -> "issued", OAuthError::code), resource);
        }
        assertEquals("invalid_target", handleWith(client, handle, "scope", "api2", "resource", API1).fold(r -> "issued",
                OAuthError::code), "api1 was scoped out of this request");
        assertFalse(stored(handle).isConsumed(), "a refused request does not use the token up");
    }

    @Test
    void aNarrowedScopeNarrowsTheProfileClaimsOfUpdateAccessTokenClaimsOnRefresh() throws Exception {
        var client = client("web", "\"UpdateAccessTokenClaimsOnRefresh\": true");
        var response = refresh(client, firstRefreshToken(client), "api2");
        var access = verified(response.accessToken());
        assertEquals("api2", access.getStringClaim("scope"));
        assertEquals(List.of(API2), access.getAudience());
        assertEquals("R&D", access.getClaim("department"));
        assertNull(access.getClaim("role"));
        assertNull(access.getClaim("team"));
        assertNull(response.idToken(), "no ID token without openid");
    }

    @Test
    void aNarrowedScopeNarrowsTheIdTokenClaims() throws Exception {
        var client = client("web", "\"AlwaysIncludeUserClaimsInIdToken\": true");
        var all = verified(refresh(client, firstRefreshToken(client)).idToken());
        assertEquals("Alice Smith", all.getClaim("name"));
        assertEquals("alice@example.com", all.getClaim("email"));

        var narrowed = refresh(client, firstRefreshToken(client), "openid email");
        var id = verified(narrowed.idToken());
        assertEquals("alice@example.com", id.getClaim("email"));
        assertNull(id.getClaim("name"), "profile was not kept");
        var access = verified(narrowed.accessToken());
        assertEquals(List.of(ISSUER + "/resources"), access.getAudience(), "no API scope left: the static audience");
        assertNull(access.getClaim("role"));
        assertNull(access.getClaim("department"));
    }

    @Test
    void aNarrowedRefreshStillRotatesTheWholeGrant() {
        var client = client("web");
        String first = firstRefreshToken(client);
        String next = refresh(client, first, "api1").refreshToken();
        // The successor still stands for the whole grant: a later refresh without scope gets all of it back.
        assertEquals(String.join(" ", GRANTED), refresh(client, next).scope());
    }

    /** §6: the scope must not include any scope not originally granted. */
    @ParameterizedTest
    @ValueSource(strings = {"phone", "api1 phone", "unknown", "api1  api2", "\"api1\""})
    void aScopeNotGrantedOrMalformedIsInvalidScope(String scope) {
        var client = client("web");
        String handle = firstRefreshToken(client);
        assertEquals("invalid_scope", error(client, handle, scope).code());
        assertFalse(stored(handle).isConsumed(), "a refused request does not use the token up");
    }

    @Test
    void aScopeSinceTakenFromTheClientIsInvalidGrant() {
        String handle = firstRefreshToken(client("web"));
        var reconfigured = Fixtures.validClient("{ \"ClientId\": \"web\", \"ClientSecrets\": [ { \"Value\": \""
                + Fixtures.SECRET_HASH + "\" } ], \"AllowedGrantTypes\": [ \"authorization_code\" ],"
                + " \"RedirectUris\": [ \"https://app.example/cb\" ], \"AllowOfflineAccess\": true,"
                + " \"AllowedScopes\": [ \"openid\", \"api1\" ] }");
        var error = error(reconfigured, handle);
        assertEquals("invalid_grant", error.code());
        assertTrue(error.description().startsWith("the grant is no longer allowed"), error.description());
        assertEquals("openid api1", refresh(reconfigured, handle, "openid api1").scope(), "what it still allows");
    }

    @Test
    void aClientWithoutOfflineAccessMayNotRefresh() {
        var client = Fixtures.validClient(Fixtures.client("web", "[ \"authorization_code\" ]",
                "\"RedirectUris\": [ \"https://app.example/cb\" ]"));
        assertEquals("unauthorized_client", error(client, "anything").code());
    }

    @Test
    void aRequestWithoutRefreshTokenIsInvalidRequest() {
        assertEquals("invalid_request", grant.read(form("grant_type", "refresh_token")).fold(r -> null, e -> e).code());
    }

    // --- CoordinateLifetimeWithUserSession ---

    /** A refresh token issued in a session started now. */
    private String refreshTokenInASession(Client client, SessionStore.Started session) {
        var user = new UserGrant("alice", session.session().sessionId(), session.session().authTime(), List.of("pwd"));
        var claims = identityClaims.forTokens("alice", GRANTED, List.of(API1), false, Set.of());
        return refreshTokens.issue(client, refreshTokens.first(client, user, GRANTED, List.of(API1), Set.of(), claims.api(),
                RequestedClaims.NONE, GrantStore.newFamily()));
    }

    @Test
    void aClientCoordinatingItsLifetimeWithTheSessionRefreshesOnlyWhileTheSessionLasts() {
        var coordinated = client("coordinated", "\"CoordinateLifetimeWithUserSession\": true");
        var session = grant.sessions.start("alice", List.of("pwd"), Optional.empty());
        String handle = refreshTokenInASession(coordinated, session);
        String next = refresh(coordinated, handle).refreshToken();

        grant.sessions.remove(session.session()); // expired or ended: either way no longer found
        var error = error(coordinated, next);
        assertEquals("invalid_grant", error.code());
        assertEquals("the user's session has ended", error.description());
        assertTrue(grants.find(next).isEmpty(), "and the grant is revoked");
    }

    @Test
    void aClientNotCoordinatingItsLifetimeOutlivesTheSession() {
        var independent = client("independent");
        var session = grant.sessions.start("alice", List.of("pwd"), Optional.empty());
        String handle = refreshTokenInASession(independent, session);
        grant.sessions.remove(session.session());
        refresh(independent, handle);
    }
}
