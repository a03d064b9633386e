package org.gatehouse.issuance.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.gatehouse.grants.control.GrantStore;
import org.gatehouse.grants.control.TestGrantStores;
import org.gatehouse.grants.entity.GrantType;
import org.gatehouse.issuance.entity.InspectedToken;
import org.gatehouse.testing.MutableClock;
import org.junit.jupiter.api.Test;

/** Two nodes' revocation lists over one grant store. */
class RevokedJwtsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final GrantStore store = TestGrantStores.inMemory(clock);
    private final RevokedJwts one = node(store);
    private final RevokedJwts other = node(store);

    private RevokedJwts node(GrantStore grants) {
        var node = new RevokedJwts();
        node.grants = grants;
        node.clock = clock;
        node.syncs = Runnable::run;
        return node;
    }

    private InspectedToken jwt(String jti) {
        return new InspectedToken(InspectedToken.Kind.JWT_ACCESS_TOKEN, Map.of("jti", jti, "client_id", "m2m", "exp",
                clock.instant().plusSeconds(3600).getEpochSecond()));
    }

    @Test
    void aRevocationIsSeenAtOnceOnItsNodeAndWithinSecondsOnTheOthers() {
        assertFalse(other.isRevoked(jwt("a")), "the other node has synced once, before the revocation");
        assertTrue(one.revoke(jwt("a")));
        assertTrue(one.isRevoked(jwt("a")));
        assertFalse(other.isRevoked(jwt("a")), "not before its next sync");
        clock.advance(RevokedJwts.SYNC_INTERVAL);
        assertTrue(other.isRevoked(jwt("a")));
        assertFalse(other.isRevoked(jwt("b")));
    }

    @Test
    void whileTheDatabaseIsAwayTheLastListStaysInForce() {
        assertTrue(one.revoke(jwt("a")));
        clock.advance(RevokedJwts.SYNC_INTERVAL);
        var failing = new GrantStore() {
            boolean down;

            @Override
            public Map<String, Instant> createdSince(GrantType type, Instant since) {
                if (down) {
                    throw new IllegalStateException("the database is unavailable");
                }
                return store.createdSince(type, since);
            }
        };
        var node = node(failing);
        assertTrue(node.isRevoked(jwt("a")));
        failing.down = true;
        clock.advance(RevokedJwts.SYNC_INTERVAL);
        assertTrue(node.isRevoked(jwt("a")), "answered from memory, no exception");
    }

    @Test
    void anExpiredTokenIsNoLongerListed() {
        assertTrue(one.revoke(jwt("a")));
        clock.advance(Duration.ofSeconds(3601));
        assertFalse(one.isRevoked(jwt("a")));
    }
}
