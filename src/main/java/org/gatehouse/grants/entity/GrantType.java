package org.gatehouse.grants.entity;

/** What a persisted grant is; stored by name (the column holds 30 characters). */
public enum GrantType {
    REFERENCE_TOKEN,
    REFRESH_TOKEN,
    AUTHORIZATION_CODE,
    /** A user's single sign-on session; its handle is the session cookie. */
    USER_SESSION,
    /** A remembered consent, under a handle derived from client and subject (see {@code ConsentStore}). */
    USER_CONSENT,
    /** A JWT access token revoked before its expiry, remembered by its jti (see {@code RevokedJwts}); no token itself. */
    REVOKED_JWT,
    /** An authorization request pushed to {@code connect/par} (RFC 9126), its handle the {@code request_uri}'s end. */
    PUSHED_AUTHORIZATION;

    /** A token a client holds and may introspect or revoke; the other grants never leave the server as tokens. */
    public boolean isToken() {
        return this == REFERENCE_TOKEN || this == REFRESH_TOKEN;
    }
}
