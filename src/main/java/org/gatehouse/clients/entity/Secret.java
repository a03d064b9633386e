package org.gatehouse.clients.entity;

import java.time.Instant;

/**
 * A client or API secret as Duende stores it. For {@link #SHARED_SECRET} the value is the Base64 of
 * the SHA-256 or SHA-512 of the secret, and {@code hash} holds its decoded bytes.
 */
public record Secret(String type, String value, byte[] hash, Instant expiration, String description) {

    public static final String SHARED_SECRET = "SharedSecret";

    public boolean isSharedSecret() {
        return SHARED_SECRET.equals(type);
    }

    public boolean isExpiredAt(Instant now) {
        return expiration != null && !now.isBefore(expiration);
    }
}
