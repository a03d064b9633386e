package org.gatehouse.users.entity;

import java.time.Duration;

public sealed interface SignInResult {
    record SignedIn(String subjectId, String username) implements SignInResult {
    }

    record Rejected() implements SignInResult {
    }

    record Throttled(Duration retryAfter) implements SignInResult {
    }
}
