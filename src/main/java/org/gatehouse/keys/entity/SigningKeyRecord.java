package org.gatehouse.keys.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

/**
 * A signing key as persisted: its private JWK, encrypted as a JWE when an encryption key is configured
 * ({@code protection} says which). Times are epoch milliseconds, portable across H2, PostgreSQL and MariaDB.
 */
@Entity
@Table(name = "GH_SIGNING_KEY")
public class SigningKeyRecord {

    public static final String UNPROTECTED = "none";
    public static final String JWE = "jwe";

    @Id
    @Column(name = "KEY_ID", length = 100)
    private String keyId;

    @Column(name = "ALGORITHM", length = 20, nullable = false)
    private String algorithm;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "PROTECTION", length = 10, nullable = false)
    private String protection;

    @Lob
    @Column(name = "MATERIAL", nullable = false)
    private String material;

    protected SigningKeyRecord() {
    }

    public SigningKeyRecord(String keyId, String algorithm, long createdAt, String protection, String material) {
        this.keyId = keyId;
        this.algorithm = algorithm;
        this.createdAt = createdAt;
        this.protection = protection;
        this.material = material;
    }

    /** Replaces the stored material with its protected form. */
    public void protect(String protection, String material) {
        this.protection = protection;
        this.material = material;
    }

    public String keyId() {
        return keyId;
    }

    public String algorithm() {
        return algorithm;
    }

    public long createdAt() {
        return createdAt;
    }

    public String protection() {
        return protection;
    }

    public String material() {
        return material;
    }
}
