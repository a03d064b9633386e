package org.gatehouse.users.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.gatehouse.platform.control.FailureLog;
import org.gatehouse.testing.MutableClock;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final SignInThrottle throttle = new SignInThrottle();

    SignInThrottleTest() {
        throttle.clock = clock;
    }

    private void fail(String account, String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(account, address, Optional.empty());
        }
    }

    /** The longer of the account's refusal and the address's slow-down, as an attempt meets them. */
    private Optional<Duration> wait(String account, String address) {
        var refused = throttle.retryAfter(account, Optional.empty());
        var slowed = address == null ? Optional.<Duration>empty() : throttle.slowDown(address);
        return refused.isEmpty() ? slowed : slowed.filter(s -> s.compareTo(refused.get()) > 0).or(() -> refused);
    }

    @Test
    void fourFailuresAreNotThrottledTheFifthBlocksForOneSecond() {
        fail("alice", "10.0.0.1", 4);
        assertEquals(Optional.empty(), wait("alice", "10.0.0.1"));
        fail("alice", "10.0.0.1", 1);
        assertEquals(Optional.of(Duration.ofSeconds(1)), wait("alice", "10.0.0.1"));
        clock.advance(Duration.ofMillis(400));
        assertEquals(Optional.of(Duration.ofMillis(600)), wait("alice", "10.0.0.2"), "from any address");
        clock.advance(Duration.ofMillis(600));
        assertEquals(Optional.empty(), wait("alice", "10.0.0.1"));
    }

    @Test
    void delayDoublesWithEachFurtherFailureUpToFiveMinutes() {
        fail("alice", null, 5);
        var delays = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            var delay = wait("alice", null).orElseThrow();
            delays.append(delay.toSeconds()).append(' ');
            clock.advance(delay);
            fail("alice", null, 1);
        }
        assertEquals("1 2 4 8 16 32 64 128 256 300 300 300 ", delays.toString());
    }

    @Test
    void failuresOlderThanFifteenMinutesAreForgotten() {
        fail("alice", null, 4);
        clock.advance(Duration.ofMinutes(15));
        fail("alice", null, 4);
        assertEquals(Optional.empty(), wait("alice", null));
        clock.advance(Duration.ofMinutes(14));
        fail("alice", null, 1);
        assertEquals(Optional.of(Duration.ofSeconds(1)), wait("alice", null), "the window runs from the last failure");
    }

    @Test
    void unknownAndKnownUsernamesAreThrottledAlike() {
        fail("no-such-user", null, 5);
        assertEquals(Optional.of(Duration.ofSeconds(1)), wait("no-such-user", null));
    }

    @Test
    void successClearsTheAccountButNotTheAddress() {
        for (int i = 0; i < 19; i++) {
            fail("user" + i, "10.0.0.1", 1);
        }
        fail("alice", "10.0.0.1", 1);
        assertEquals(Optional.of(Duration.ofSeconds(1)), wait("bob", "10.0.0.1"), "20 failures from one address");
        assertEquals(Optional.empty(), wait("bob", "10.0.0.2"));
        throttle.succeeded("alice", Optional.empty());
        assertEquals(Optional.of(Duration.ofSeconds(1)), wait("alice", "10.0.0.1"), "an own account does not clear the address");

        fail("carol", null, 4);
        throttle.succeeded("carol", Optional.empty());
        fail("carol", null, 4);
        assertEquals(Optional.empty(), wait("carol", null), "counting starts again after a success");
    }

    @Test
    void longerOfAccountAndAddressDelaysIsAnswered() {
        fail("alice", "10.0.0.1", 7); // account: 4 s
        for (int i = 0; i < 13; i++) {
            fail("user" + i, "10.0.0.1", 1); // address: its 20th failure, 1 s
        }
        assertEquals(Optional.of(Duration.ofSeconds(4)), wait("alice", "10.0.0.1"));
        assertEquals(Optional.of(Duration.ofSeconds(1)), wait("bob", "10.0.0.1"));
    }

    @Test
    void anAddressIsSlowedDownToTenSecondsAtMostNotShut() { // a company's NAT is one address
        for (int i = 0; i < 40; i++) {
            fail("user" + i, "10.0.0.1", 1);
        }
        assertEquals(Optional.of(SignInThrottle.ADDRESS_MAX_DELAY), wait("bob", "10.0.0.1"));
        fail("alice", null, 14);
        assertEquals(Optional.of(FailureLog.MAX_DELAY), wait("alice", null), "an account's delay grows to five minutes");
    }

    @Test
    void memoryStaysBoundedUnderAFloodOfUsernames() {
        var log = new FailureLog(5, FailureLog.MAX_DELAY, 100);
        var now = Instant.parse("2026-11-23T10:00:00Z");
        for (int i = 0; i < 1_000; i++) {
            log.failed("user" + i, now);
        }
        assertEquals(100, log.size(), "the oldest are evicted beyond the capacity");
        log.failed("late", now.plus(FailureLog.WINDOW));
        assertEquals(1, log.size(), "expired entries are dropped as new failures arrive");
        assertTrue(log.blockedFor("user999", now).isZero());
    }
}
