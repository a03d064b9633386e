package org.gatehouse.users.entity;

import java.time.Duration;

/** What became of a password sign-in; the login page picks its answer from it. */
public sealed interface SignInResult {

    /** {@code username} is the name as the identity store knows it, which may differ in case from the one typed. */
    record SignedIn(String subjectId, String username) implements SignInResult {
    }

    /** Wrong username or password; which of the two is deliberately not said. */
    record Rejected() implements SignInResult {
    }

    /**
     * Too many recent failures for this account (or this browser's device cookie), or another attempt from the
     * address is already waiting: refused without checking the password.
     */
    record Throttled(Duration retryAfter) implements SignInResult {
    }

    /**
     * The address has failed often: the attempt is to be made again, {@code waited}, after {@code delay}, without
     * holding a thread meanwhile. One attempt per address waits at a time; the others are {@link Throttled}.
     */
    record SlowedDown(Duration delay) implements SignInResult {
    }

    /** Every password check is taken: refused at once, without checking, to be retried shortly. */
    record Busy(Duration retryAfter) implements SignInResult {
    }
}
