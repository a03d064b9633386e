package org.gatehouse.logout.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gatehouse.Fixtures;
import org.gatehouse.clients.control.TestClientStores;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.configuration.control.SettingsReader;
import org.gatehouse.grants.control.GrantStore;
import org.gatehouse.grants.control.TestGrantStores;
import org.gatehouse.grants.entity.GrantType;
import org.gatehouse.grants.entity.TokenCleanupOptions;
import org.gatehouse.issuance.control.TestTokenInspectors;
import org.gatehouse.keys.control.TestSigningKeys;
import org.gatehouse.sessions.control.SessionStore;
import org.gatehouse.sessions.control.TestSessionStores;
import org.gatehouse.testing.MutableClock;
import org.junit.jupiter.api.Test;

/**
 * {@link SessionEnd} and {@link SessionExpiry} with real sessions and grants: what the end of a session revokes
 * (CoordinateLifetimeWithUserSession, Duende's meaning), that it ends once, and what a locked-out user loses.
 */
class SessionEndTest {

    private static final String ISSUER = "https://gatehouse.example";

    private static final Client COORDINATED = client("coordinated", "\"CoordinateLifetimeWithUserSession\": true");
    private static final Client INDEPENDENT = client("independent");

    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T12:00:00Z"));
    private final GrantStore grants = TestGrantStores.inMemory(clock);
    private final SessionStore sessions = TestSessionStores.of(grants, clock);
    private final SessionEnd sessionEnd = TestSessionEnds.of(sessions, TestClientStores.of(List.of(COORDINATED, INDEPENDENT)),
            grants, TestTokenInspectors.families(TestTokenInspectors.of(TestSigningKeys.started(clock), grants, clock), grants));

    private static Client client(String clientId, String... fields) {
        var all = new ArrayList<>(List.of("\"RedirectUris\": [ \"https://app.example/callback\" ]",
                "\"AllowOfflineAccess\": true"));
        all.addAll(List.of(fields));
        return Fixtures.validClient(Fixtures.client(clientId, "[ \"authorization_code\" ]", all.toArray(String[]::new)));
    }

    /** A refresh token of the client issued in the session, as the code exchange stores one. */
    private String refreshToken(Client client, SessionStore.Started session) {
        sessions.signedInto(session.session(), client.clientId());
        return grants.create(GrantType.REFRESH_TOKEN, client.clientId(), session.session().subjectId(),
                session.session().sessionId(), GrantStore.newFamily(), Duration.ofDays(1), "{}");
    }

    private SessionStore.Started signIn(String subjectId) {
        return sessions.start(subjectId, List.of("pwd"), Optional.empty());
    }

    @Test
    void theEndOfASessionRevokesTheTokensOfTheClientsThatCoordinateWithItOnly() {
        var session = signIn("alice");
        String coordinated = refreshToken(COORDINATED, session);
        String independent = refreshToken(INDEPENDENT, session);
        sessionEnd.end(sessions.find(session.handle()).orElseThrow(), ISSUER);
        assertTrue(grants.find(coordinated).isEmpty(), "CoordinateLifetimeWithUserSession: gone with the session");
        assertTrue(grants.find(independent).isPresent());
        assertTrue(sessions.find(session.handle()).isEmpty());
    }

    @Test
    void aSessionEndsOnceAndIsThenNoLongerToldOf() {
        var session = signIn("alice");
        var found = sessions.find(session.handle()).orElseThrow();
        sessionEnd.end(found, ISSUER);
        assertEquals(List.of(), sessionEnd.end(found, ISSUER), "a second end (another node) tells nobody again");
    }

    @Test
    void aLockedOutUserLosesEverySessionAndGrantAndNobodyElseDoes() {
        var first = signIn("alice");
        var second = signIn("alice");
        var bobs = signIn("bob");
        String alices = refreshToken(INDEPENDENT, first);
        String bobsToken = refreshToken(INDEPENDENT, bobs);
        grants.replace("revoked-jti", GrantType.REVOKED_JWT, "independent", "alice", Duration.ofHours(1), "{}");
        sessionEnd.endAllOf("alice", ISSUER);
        assertTrue(grants.find("revoked-jti").isPresent(), "a JWT revoked before stays revoked");
        assertEquals(List.of(), sessions.findOfSubject("alice"));
        assertFalse(sessions.find(second.handle()).isPresent());
        assertTrue(grants.find(alices).isEmpty(), "even a client that does not coordinate loses the user's tokens");
        assertTrue(grants.find(bobsToken).isPresent());
        assertTrue(sessions.find(bobs.handle()).isPresent());
    }

    @Test
    void anExpiredSessionIsEndedAsByALogout() {
        var expiry = new SessionExpiry();
        expiry.sessions = sessions;
        expiry.sessionEnd = sessionEnd;
        expiry.settings = new SettingsReader(name -> Optional.ofNullable(Map.of(SettingsReader.DEVELOPMENT, "true",
                SettingsReader.ISSUER_URI, ISSUER).get(name))).read();
        expiry.options = new TokenCleanupOptions(true, Duration.ofHours(1), 100);
        expiry.clock = clock;
        var session = signIn("alice");
        String coordinated = refreshToken(COORDINATED, session);
        assertEquals(0, expiry.run());

        clock.advance(sessions.options().cookieLifetime().plusSeconds(1));
        assertEquals(1, expiry.run());
        assertEquals(0, expiry.run(), "ended once");
        assertTrue(grants.findExpired(GrantType.USER_SESSION, 10).isEmpty(), "the session is gone");
        clock.advance(Duration.ofHours(-10)); // the refresh token's own day has not passed: revoked, not expired
        assertTrue(grants.find(coordinated).isEmpty());
    }
}
