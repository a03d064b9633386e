package org.gatehouse.replay.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A value that may be accepted once only (a DPoP proof's {@code jti}, later a client assertion's), kept until it
 * could no longer be accepted anyway. Only the SHA-256 of purpose and value is stored; the primary key makes a
 * second use fail on every node sharing the database. Times are epoch milliseconds.
 */
@Entity
@Table(name = "GH_USED_VALUE")
public class UsedValue {

    @Id
    @Column(name = "KEY_HASH", length = 64)
    private String keyHash;

    @Column(name = "EXPIRES_AT", nullable = false)
    private long expiresAt;

    protected UsedValue() {
    }

    public UsedValue(String keyHash, long expiresAt) {
        this.keyHash = keyHash;
        this.expiresAt = expiresAt;
    }
}
