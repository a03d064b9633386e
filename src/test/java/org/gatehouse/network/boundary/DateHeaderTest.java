package org.gatehouse.network.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.gatehouse.testing.MutableClock;
import org.junit.jupiter.api.Test;

/** RFC 9110 §6.6.1's Date, as §5.6.7's IMF-fixdate. */
class DateHeaderTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T05:52:22.750Z"));
    private final DateHeader header = new DateHeader(clock);

    @Test
    void isTheCurrentSecondAsAnImfFixdate() {
        assertEquals("Sat, 05 Dec 2026 05:52:22 GMT", header.now(), "two-digit day, GMT");
        clock.advance(Duration.ofMillis(200));
        assertEquals("Sat, 05 Dec 2026 05:52:22 GMT", header.now());
        clock.advance(Duration.ofMillis(100));
        assertEquals("Sat, 05 Dec 2026 05:52:23 GMT", header.now(), "the next second");
    }
}
