package org.gatehouse.grants.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

/**
 * Something issued and kept: a reference token, a refresh token, later codes and consents. The handle
 * the client holds is never stored, only its SHA-256 ({@code keyHash}). Grants issued from one another
 * share a {@code familyId}, so a whole family is revoked in one statement. Times are epoch milliseconds.
 */
@Entity
@Table(name = "GH_GRANT")
public class PersistedGrant {

    @Id
    @Column(name = "KEY_HASH", length = 64)
    private String keyHash;

    @Enumerated(EnumType.STRING)
    @Column(name = "TYPE", length = 30, nullable = false)
    private GrantType type;

    @Column(name = "CLIENT_ID", length = 200, nullable = false)
    private String clientId;

    @Column(name = "SUBJECT_ID", length = 200)
    private String subjectId;

    @Column(name = "SESSION_ID", length = 100)
    private String sessionId;

    @Column(name = "FAMILY_ID", length = 32, nullable = false)
    private String familyId;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "EXPIRES_AT", nullable = false)
    private long expiresAt;

    @Column(name = "CONSUMED_AT")
    private Long consumedAt;

    /** JSON, encrypted at rest when an encryption key is configured. */
    @Lob
    @Column(name = "DATA", nullable = false)
    private String data;

    protected PersistedGrant() {
    }

    public PersistedGrant(String keyHash, GrantType type, String clientId, String subjectId, String sessionId,
            String familyId, long createdAt, long expiresAt, String data) {
        this.keyHash = keyHash;
        this.type = type;
        this.clientId = clientId;
        this.subjectId = subjectId;
        this.sessionId = sessionId;
        this.familyId = familyId;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
        this.data = data;
    }

    public String keyHash() {
        return keyHash;
    }

    public GrantType type() {
        return type;
    }

    public String clientId() {
        return clientId;
    }

    public String subjectId() {
        return subjectId;
    }

    public String sessionId() {
        return sessionId;
    }

    public String familyId() {
        return familyId;
    }

    public long createdAt() {
        return createdAt;
    }

    public long expiresAt() {
        return expiresAt;
    }

    public Long consumedAt() {
        return consumedAt;
    }

    public String data() {
        return data;
    }

    /** The same data, encrypted again (under a new encryption key). */
    public void reprotect(String data) {
        this.data = data;
    }
}
