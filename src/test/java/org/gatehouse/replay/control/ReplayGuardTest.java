package org.gatehouse.replay.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.PersistenceException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReplayGuardTest {

    private final ReplayGuard guard = TestReplayGuards.inMemory(Clock.systemUTC());

    @Test
    void aValueIsAcceptedOncePerPurpose() {
        assertTrue(guard.firstUse("dpop-jti", "client 1", Duration.ofMinutes(1)));
        assertFalse(guard.firstUse("dpop-jti", "client 1", Duration.ofMinutes(1)));
        assertTrue(guard.firstUse("dpop-jti", "client 2", Duration.ofMinutes(1)));
        assertTrue(guard.firstUse("assertion-jti", "client 1", Duration.ofMinutes(1)), "purposes never share a value");
    }

    /** A database that is away is an outage (503), not a replay the client would be blamed for. */
    @Test
    void aDatabaseFailureIsNoReplay() {
        var failure = new PersistenceException(new SQLTransientConnectionException("connection refused", "08001"));
        var broken = new ReplayGuard();
        broken.clock = Clock.systemUTC();
        broken.values = new UsedValues() {
            @Override
            public void insert(String keyHash, long expiresAt) {
                throw failure;
            }
        };
        assertSame(failure, assertThrows(PersistenceException.class,
                () -> broken.firstUse("dpop-jti", "client 1", Duration.ofMinutes(1))));
    }
}
