package org.gatehouse.sessions.control;

import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.gatehouse.pages.boundary.Csrf;
import org.gatehouse.protocol.control.Digests;

/**
 * The {@code session_state} of an authorization response (OpenID Connect Session Management 1.0 §3): the SHA-256
 * of client id, the redirect URI's origin, the OP browser state (the session's {@code sid}, in the
 * {@code __Host-gatehouse.browser-state} cookie) and a salt, in hex, then "." and the salt. The check-session
 * iframe computes the same in the browser from the cookie: equal while the session lasts, different after.
 */
public final class SessionStates {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionStates() {
    }

    /** Empty for a redirect URI without a web origin (a native app's private-use scheme): no iframe there. */
    public static Optional<String> of(String clientId, String redirectUri, String sessionId) {
        var uri = URI.create(redirectUri);
        if (uri.getHost() == null || !(uri.getScheme().equalsIgnoreCase("https") || uri.getScheme().equalsIgnoreCase("http"))) {
            return Optional.empty();
        }
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Optional.of(of(clientId, redirectUri, sessionId, HexFormat.of().formatHex(bytes)));
    }

    static String of(String clientId, String redirectUri, String sessionId, String salt) {
        String input = clientId + " " + Csrf.originOf(redirectUri) + " " + sessionId + " " + salt;
        return HexFormat.of().formatHex(Digests.sha256(input)) + "." + salt;
    }
}
