package org.gatehouse.users.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Map;
import java.util.UUID;
import org.gatehouse.users.entity.PasswordHashing;

/**
 * Password hashing of the embedded identity store: {@link PasswordHashing} says which kind new hashes are, and either
 * kind verifies. PBKDF2 by the platform's {@code Pbkdf2PasswordHash}: PBKDF2-HMAC-SHA256 with 600,000 iterations
 * (OWASP's figure; the platform's default of 2,048 is far too cheap), 32-byte salt and hash, about 0.3 s of a core on
 * the reference machine. Argon2id by {@link Argon2idHashes}.
 */
@ApplicationScoped
public class UserPasswords {

    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final int ITERATIONS = 600_000;

    /** A random password nobody knows, hashed with the same parameters: verified when the username is unknown. */
    private static final String UNKNOWN_USER_HASH = "PBKDF2WithHmacSHA256:600000:"
            + "WqTwEy1wmo1cRfc9cEFuL+zFK+YmIBqjoUt+RDBcyIA=:z6tZJwR4Z+aqNaV7Eq8A0U0+NRoOdHL+6/+jzcGO7s0=";

    @Inject
    Pbkdf2PasswordHash pbkdf2;

    @Inject
    PasswordHashing hashing;

    /** The unknown user's Argon2id hash: of a password nobody knows, made at start-up. */
    private String unknownUserArgon2id;

    @PostConstruct
    void configure() {
        pbkdf2.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm", ALGORITHM,
                "Pbkdf2PasswordHash.Iterations", Integer.toString(ITERATIONS),
                "Pbkdf2PasswordHash.SaltSizeBytes", "32",
                "Pbkdf2PasswordHash.KeySizeBytes", "32"));
        if (hashing == PasswordHashing.ARGON2ID) {
            unknownUserArgon2id = Argon2idHashes.hash(UUID.randomUUID().toString());
        }
    }

    public String hash(String password) {
        return hashing == PasswordHashing.ARGON2ID ? Argon2idHashes.hash(password) : pbkdf2.generate(password.toCharArray());
    }

    public boolean verify(String password, String hash) {
        return Argon2idHashes.isArgon2id(hash) ? Argon2idHashes.verify(password, hash) : pbkdf2.verify(password.toCharArray(), hash);
    }

    /** Takes as long as {@link #verify} on an account, so that the time of an answer does not tell whether it exists. */
    public void verifyForUnknownUser(String password) {
        verify(password, hashing == PasswordHashing.ARGON2ID ? unknownUserArgon2id : UNKNOWN_USER_HASH);
    }

    /** Whether a hash is of today's kind and parameters; another is replaced when its clear password is known. */
    public boolean isCurrent(String hash) {
        return hashing == PasswordHashing.ARGON2ID ? hash.startsWith(Argon2idHashes.CURRENT_PREFIX)
                : hash.startsWith(ALGORITHM + ":" + ITERATIONS + ":");
    }
}
