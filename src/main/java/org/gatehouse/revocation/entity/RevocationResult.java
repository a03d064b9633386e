package org.gatehouse.revocation.entity;

/** What a successful revocation request did; RFC 7009 §2.2 answers 200 either way. */
public enum RevocationResult {
    /** A stored token of the caller's, now gone (a refresh token with its whole family). */
    REVOKED,
    /** Nothing Gatehouse knows: an invalid token needs no revoking (§2.2). */
    UNKNOWN
}
