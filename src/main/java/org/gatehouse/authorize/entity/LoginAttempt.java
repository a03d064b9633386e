package org.gatehouse.authorize.entity;

/**
 * Where a posted sign-in comes from: the browser's session (ended on sign-in), its address behind trusted
 * proxies (its throttle key; null when unknown), its device cookie (or null) and the issuer it reached; and
 * whether it has already waited out its address's slow-down.
 */
public record LoginAttempt(String sessionHandle, String clientAddress, String deviceCookie, String issuer, boolean waited) {

    /** The same attempt, made again once it has waited. */
    public LoginAttempt afterWaiting() {
        return new LoginAttempt(sessionHandle, clientAddress, deviceCookie, issuer, true);
    }
}
