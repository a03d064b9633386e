package org.gatehouse.endsession.entity;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gatehouse.protocol.entity.OAuthError;

/** What the end-session endpoint answers a request with. */
public sealed interface EndSessionStep {

    /** The request is malformed or names what it may not: an error page, and the user stays signed in. */
    record ShowError(OAuthError error) implements EndSessionStep {
    }

    /**
     * The user must confirm first (§2); the page posts {@code carried} back with its CSRF token, and may then be sent
     * on to {@code returnsTo}, the validated post-logout redirect URI.
     */
    record Confirm(Map<String, String> carried, Optional<String> returnsTo) implements EndSessionStep {
    }

    /**
     * The session is ended; the browser goes back to {@code returnTo}, the registered URI with {@code state}, once the
     * page has loaded the clients' {@code frontChannelLogoutUris}.
     */
    record SignedOut(Optional<String> returnTo, List<String> frontChannelLogoutUris) implements EndSessionStep {

        public SignedOut {
            frontChannelLogoutUris = List.copyOf(frontChannelLogoutUris);
        }
    }
}
