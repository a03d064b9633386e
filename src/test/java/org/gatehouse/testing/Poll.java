package org.gatehouse.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Bounded waiting for something another process does in its own time. */
public final class Poll {

    private Poll() {
    }

    /**
     * Calls {@code attempt} every 250 ms until its result satisfies {@code done}, and returns that result;
     * fails after {@code timeout} with the last result (or exception) in the message.
     */
    public static <T> T until(Duration timeout, String what, Supplier<T> attempt, Predicate<T> done) {
        var deadline = Instant.now().plus(timeout);
        Object last;
        while (true) {
            try {
                T result = attempt.get();
                if (done.test(result)) {
                    return result;
                }
                last = result;
            } catch (RuntimeException e) {
                last = e;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not " + what + " after " + timeout + "; last: " + last);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what, e);
            }
        }
    }
}
