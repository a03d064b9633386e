package org.gatehouse.authorize.entity;

import java.time.Duration;
import java.util.Optional;

/** What the login page does next. */
public sealed interface LoginStep {

    /**
     * The form, for {@code request} (carried on as {@code authorize}), with the name typed so far and what went
     * wrong; {@code status} is 200 at first, 400 when the sign-in was refused, 429 when throttled (RFC 6585 §4),
     * 503 when every password check was busy (RFC 9110 §15.6.4), the last two with {@code retryAfter}.
     */
    record ShowForm(AuthorizeRequest request, String authorize, String username, Optional<String> error, int status,
            Optional<Duration> retryAfter) implements LoginStep {
    }

    /**
     * Signed in, in a new session ({@code handle}, for the cookie, lasting {@code lifetime}): back to the
     * authorization endpoint with {@code authorize}, the request without what asked for the sign-in. The browser
     * gets a new {@code deviceCookie} for the account.
     */
    record SignedIn(String handle, String sessionId, Duration lifetime, String authorize, String deviceCookie)
            implements LoginStep {
    }

    /** To be submitted again, {@link LoginAttempt#afterWaiting}, after {@code delay}: the address is slowed down. */
    record Wait(Duration delay) implements LoginStep {
    }

    /** Answered as the authorization endpoint answers: an invalid carried request, or the user cancelled. */
    record Answer(AuthorizeStep step) implements LoginStep {
    }
}
