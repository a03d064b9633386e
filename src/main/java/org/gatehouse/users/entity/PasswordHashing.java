package org.gatehouse.users.entity;

import org.gatehouse.appsettings.DuendeValue;

/**
 * How the embedded identity store hashes passwords: Gatehouse's {@code Gatehouse:PasswordHashing} (or
 * {@code gatehouse.password-hashing}). Either verifies hashes of the other, and a sign-in replaces a hash that is not
 * of the chosen kind and strength.
 */
public enum PasswordHashing {
    /** PBKDF2-HMAC-SHA256, 600,000 iterations, by the platform's {@code Pbkdf2PasswordHash} (the default). */
    @DuendeValue(value = 0, names = "Pbkdf2")
    PBKDF2,
    /** Argon2id, OWASP's first choice: 19 MiB, 2 passes, 1 lane (its Password Storage Cheat Sheet's minimum). */
    @DuendeValue(value = 1, names = "Argon2id")
    ARGON2ID
}
