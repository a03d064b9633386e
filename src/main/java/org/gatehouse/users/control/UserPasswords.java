package org.gatehouse.users.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Map;

/**
 * Password hashing of the embedded identity store, by the platform's {@code Pbkdf2PasswordHash}:
 * PBKDF2-HMAC-SHA256 with 600,000 iterations (OWASP's figure; its default of 2,048 is far too cheap) and
 * 32-byte salt and hash. One hash costs about 0.3 s of a core on the reference machine.
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

    @PostConstruct
    void configure() {
        pbkdf2.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm", ALGORITHM,
                "Pbkdf2PasswordHash.Iterations", Integer.toString(ITERATIONS),
                "Pbkdf2PasswordHash.SaltSizeBytes", "32",
                "Pbkdf2PasswordHash.KeySizeBytes", "32"));
    }

    public String hash(String password) {
        return pbkdf2.generate(password.toCharArray());
    }

    public boolean verify(String password, String hash) {
        return pbkdf2.verify(password.toCharArray(), hash);
    }

    /** Takes as long as {@link #verify} on an account, so that the time of an answer does not tell whether it exists. */
    public void verifyForUnknownUser(String password) {
        pbkdf2.verify(password.toCharArray(), UNKNOWN_USER_HASH);
    }

    /** Whether a hash was made with today's parameters; an older one is replaced when its clear password is known. */
    public boolean isCurrent(String hash) {
        return hash.startsWith(ALGORITHM + ":" + ITERATIONS + ":");
    }
}
