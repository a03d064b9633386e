package org.gatehouse.users.control;

import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.gatehouse.users.entity.PasswordHashing;

/**
 * Stands in for the platform's Pbkdf2PasswordHash: its encoding, but the "hash" is the password in
 * Base64, so tests are fast and see what was hashed and verified. (The real one runs in the ITs.)
 */
class FakePasswordHash implements Pbkdf2PasswordHash {

    final Map<String, String> parameters = new HashMap<>();
    int generated;
    int verified;

    static String encoding(String password, int iterations) {
        return "PBKDF2WithHmacSHA256:" + iterations + ":c2FsdA==:"
                + Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void initialize(Map<String, String> parameters) {
        this.parameters.putAll(parameters);
    }

    @Override
    public String generate(char[] password) {
        generated++;
        return encoding(new String(password), Integer.parseInt(parameters.get("Pbkdf2PasswordHash.Iterations")));
    }

    @Override
    public boolean verify(char[] password, String hashedPassword) {
        verified++;
        String[] parts = hashedPassword.split(":");
        return encoding(new String(password), Integer.parseInt(parts[1])).equals(hashedPassword);
    }

    /** UserPasswords on this fake, configured as in the server. */
    UserPasswords passwords() {
        return passwords(PasswordHashing.PBKDF2);
    }

    /** UserPasswords making hashes of {@code hashing}'s kind, PBKDF2 on this fake. */
    UserPasswords passwords(PasswordHashing hashing) {
        var passwords = new UserPasswords();
        passwords.pbkdf2 = this;
        passwords.hashing = hashing;
        passwords.configure();
        return passwords;
    }
}
