package org.gatehouse.users.control;

import java.util.Base64;
import java.util.Set;

/**
 * Jakarta Security's {@code Pbkdf2PasswordHash} encoding, {@code algorithm:iterations:Base64(salt):Base64(hash)}
 * (Soteria's {@code EncodedPasswordHash}), recognised so that configuration may give a password hashed.
 */
final class Pbkdf2Encoding {

    /** The algorithms {@code Pbkdf2PasswordHash} verifies. */
    private static final Set<String> ALGORITHMS = Set.of("PBKDF2WithHmacSHA224", "PBKDF2WithHmacSHA256",
            "PBKDF2WithHmacSHA384", "PBKDF2WithHmacSHA512");

    private Pbkdf2Encoding() {
    }

    /** Whether a configured password is meant as a hash: it starts with an algorithm's family name and a colon. */
    static boolean isHashed(String password) {
        return password.startsWith("PBKDF2WithHmac") && password.indexOf(':') > 0;
    }

    /** Why {@code hash} is not a valid encoding, or null when it is. */
    static String defect(String hash) {
        String[] parts = hash.split(":", -1);
        if (parts.length != 4) {
            return "must have four parts, algorithm:iterations:salt:hash";
        }
        if (!ALGORITHMS.contains(parts[0])) {
            return "the algorithm \"" + parts[0] + "\" is not one of " + ALGORITHMS.stream().sorted().toList();
        }
        try {
            if (Integer.parseInt(parts[1]) < 1) {
                return "the iteration count must be positive";
            }
        } catch (NumberFormatException e) {
            return "the iteration count \"" + parts[1] + "\" is not a number";
        }
        for (int i = 2; i <= 3; i++) {
            String name = i == 2 ? "salt" : "hash";
            try {
                if (Base64.getDecoder().decode(parts[i]).length == 0) {
                    return "the " + name + " is empty";
                }
            } catch (IllegalArgumentException e) {
                return "the " + name + " is not Base64";
            }
        }
        return null;
    }
}
