package org.gatehouse.endsession.entity;

import java.util.Map;
import java.util.Optional;
import org.gatehouse.protocol.entity.OAuthError;

/** What the end-session endpoint answers a request with. */
public sealed interface EndSessionStep {

    /** The request is malformed or names what it may not: an error page, and the user stays signed in. */
    record ShowError(OAuthError error) implements EndSessionStep {
    }

    /** The user must confirm first (§2); the page posts {@code carried} back with its CSRF token. */
    record Confirm(Map<String, String> carried) implements EndSessionStep {
    }

    /** The session is ended; the page links back to {@code returnTo}, the registered URI with {@code state}. */
    record SignedOut(Optional<String> returnTo) implements EndSessionStep {
    }
}
