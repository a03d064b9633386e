package org.gatehouse.users.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.util.Locale;

/**
 * An account of the embedded identity store. The name is kept as configured and, lower-cased, as the
 * unique lookup key, so that "Alice" and "alice" are one account on every database whatever its
 * collation. {@code configured} marks the accounts configuration owns: start-up replaces those.
 */
@Entity
@Table(name = "GH_USER")
public class UserAccount {

    public static final int MAX_LENGTH = 200;

    @Id
    @Column(name = "SUBJECT_ID", length = MAX_LENGTH)
    private String subjectId;

    @Column(name = "USERNAME", length = MAX_LENGTH, nullable = false)
    private String username;

    @Column(name = "USERNAME_KEY", length = MAX_LENGTH, nullable = false, unique = true)
    private String usernameKey;

    /** {@code Pbkdf2PasswordHash}'s encoding: {@code algorithm:iterations:salt:hash}. */
    @Column(name = "PASSWORD_HASH", length = 500, nullable = false)
    private String passwordHash;

    /** A JSON array of {@code {"Type", "Value", "ValueType"}}, as configured. */
    @Lob
    @Column(name = "CLAIMS", nullable = false)
    private String claims;

    @Column(name = "CONFIGURED", nullable = false)
    private boolean configured;

    protected UserAccount() {
    }

    public UserAccount(String subjectId) {
        this.subjectId = subjectId;
    }

    /** How a username is looked up: case-insensitively, the same in every locale. */
    public static String usernameKey(String username) {
        return username.toLowerCase(Locale.ROOT);
    }

    public String subjectId() {
        return subjectId;
    }

    public String username() {
        return username;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public String claims() {
        return claims;
    }

    public boolean configured() {
        return configured;
    }

    /** Sets the content; returns whether anything changed. */
    public boolean update(String username, String passwordHash, String claims, boolean configured) {
        if (username.equals(this.username) && passwordHash.equals(this.passwordHash) && claims.equals(this.claims)
                && configured == this.configured) {
            return false;
        }
        this.username = username;
        this.usernameKey = usernameKey(username);
        this.passwordHash = passwordHash;
        this.claims = claims;
        this.configured = configured;
        return true;
    }
}
