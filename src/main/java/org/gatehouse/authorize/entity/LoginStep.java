package org.gatehouse.authorize.entity;

import java.time.Duration;
import java.util.Optional;

/** What the login page does next. */
public sealed interface LoginStep {

    /**
     * The form, for {@code request} (carried on as {@code authorize}), with the name typed so far and what went
     * wrong; {@code status} is 200 at first, 400 when the sign-in was refused, 429 when throttled (RFC 6585 §4).
     */
    record ShowForm(AuthorizeRequest request, String authorize, String username, Optional<String> error, int status)
            implements LoginStep {
    }

    /**
     * Signed in, in a new session ({@code handle}, for the cookie, lasting {@code lifetime}): back to the
     * authorization endpoint with {@code authorize}, the request without what asked for the sign-in.
     */
    record SignedIn(String handle, Duration lifetime, String authorize) implements LoginStep {
    }

    /** Answered as the authorization endpoint answers: an invalid carried request, or the user cancelled. */
    record Answer(AuthorizeStep step) implements LoginStep {
    }
}
