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

    /** Too many recent failures for this account or address: refused without checking the password. */
    record Throttled(Duration retryAfter) implements SignInResult {
    }

    /** Every password check is taken: refused at once, without checking, to be retried shortly. */
    record Busy(Duration retryAfter) implements SignInResult {
    }
}
