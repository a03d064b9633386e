package org.gatehouse.sessions.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gatehouse.grants.control.TestGrantStores;
import org.gatehouse.sessions.entity.SessionOptions;
import org.gatehouse.testing.MutableClock;
import org.junit.jupiter.api.Test;

/** {@link SessionStore}: the clients a session signed into, and its idle timeout beside its lifetime. */
class SessionStoreTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T12:00:00Z"));
    private final SessionStore sessions = TestSessionStores.of(TestGrantStores.inMemory(clock), clock);

    private SessionStore.Started signIn() {
        return sessions.start("alice", List.of("pwd"), Optional.empty());
    }

    @Test
    void aSessionRemembersEachClientItSignedIntoOnce() {
        var started = signIn();
        sessions.signedInto(started.session(), "a");
        sessions.signedInto(sessions.find(started.handle()).orElseThrow(), "b");
        sessions.signedInto(started.session(), "a"); // a stale copy of the session: nothing lost
        assertEquals(Set.of("a", "b"), sessions.find(started.handle()).orElseThrow().clientIds());
        assertEquals(Set.of("a", "b"), sessions.findById(started.session().sessionId()).orElseThrow().clientIds());
    }

    @Test
    void withoutAnIdleTimeoutASessionLastsItsLifetimeUsedOrNot() {
        var started = signIn();
        clock.advance(SessionOptions.DEFAULT_COOKIE_LIFETIME.minusSeconds(1));
        assertTrue(sessions.find(started.handle()).isPresent());
        clock.advance(Duration.ofSeconds(2));
        assertFalse(sessions.find(started.handle()).isPresent());
    }

    @Test
    void anIdleTimeoutEndsAnUnusedSessionAndUseMovesItOnUpToTheLifetime() {
        sessions.options = new SessionOptions(Duration.ofHours(1), false, Optional.of(Duration.ofMinutes(20)));
        var started = signIn();
        clock.advance(Duration.ofMinutes(15));
        sessions.signedInto(sessions.find(started.handle()).orElseThrow(), "a"); // used: 20 more minutes from now
        clock.advance(Duration.ofMinutes(15));
        assertTrue(sessions.find(started.handle()).isPresent(), "30 minutes in, used 15 minutes ago");
        sessions.signedInto(sessions.find(started.handle()).orElseThrow(), "a");
        clock.advance(Duration.ofMinutes(19));
        sessions.signedInto(sessions.find(started.handle()).orElseThrow(), "a");
        clock.advance(Duration.ofMinutes(12));
        assertFalse(sessions.find(started.handle()).isPresent(), "61 minutes in: past the lifetime, used or not");

        var idle = signIn();
        clock.advance(Duration.ofMinutes(21));
        assertFalse(sessions.find(idle.handle()).isPresent(), "unused for longer than the idle timeout");
    }
}
