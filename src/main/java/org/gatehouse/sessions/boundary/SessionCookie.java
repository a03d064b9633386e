package org.gatehouse.sessions.boundary;

import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;
import java.time.Duration;
import java.util.Map;

/**
 * The session cookie: only a handle to the server-side session. {@code __Host-}: Secure, Path=/ and no Domain,
 * so that no sibling subdomain can plant or overwrite it (RFC 6265bis §4.1.3.2); HttpOnly (no script reads it),
 * SameSite=None as Duende's default: OIDC Core §3.1.2.1 and RP-Initiated Logout §2 require POST at the
 * authorization and end-session endpoints, which an application's page submits cross-site. Every form
 * that changes state carries a CSRF token; the authorization endpoint redirects only to registered URIs.
 */
public final class SessionCookie {

    public static final String NAME = "__Host-gatehouse.session";
    public static final String BROWSER_STATE = "__Host-gatehouse.browser-state";

    private SessionCookie() {
    }

    public static String handle(Map<String, Cookie> cookies) {
        var cookie = cookies.get(NAME);
        return cookie == null ? null : cookie.getValue();
    }

    public static NewCookie of(String handle, Duration lifetime) {
        return builder().value(handle).maxAge((int) lifetime.toSeconds()).build();
    }

    public static NewCookie cleared() {
        return builder().value("").maxAge(0).build();
    }

    /**
     * OpenID Connect Session Management 1.0 §3: the OP browser state that the check-session iframe's script reads,
     * so not HttpOnly. It is the session's {@code sid}, which the client's ID token already carries (as Duende's
     * {@code idsrv.session} is): it names the session and grants nothing.
     */
    public static NewCookie browserState(String sessionId, Duration lifetime) {
        return browserStateBuilder().value(sessionId).maxAge((int) lifetime.toSeconds()).build();
    }

    public static NewCookie clearedBrowserState() {
        return browserStateBuilder().value("").maxAge(0).build();
    }

    private static NewCookie.Builder browserStateBuilder() {
        return new NewCookie.Builder(BROWSER_STATE).path("/").secure(true).httpOnly(false).sameSite(NewCookie.SameSite.NONE);
    }

    private static NewCookie.Builder builder() {
        return new NewCookie.Builder(NAME).path("/").secure(true).httpOnly(true).sameSite(NewCookie.SameSite.NONE);
    }
}
