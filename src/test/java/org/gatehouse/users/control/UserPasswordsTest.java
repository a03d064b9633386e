package org.gatehouse.users.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class UserPasswordsTest {

    private final FakePasswordHash pbkdf2 = new FakePasswordHash();
    private final UserPasswords passwords = pbkdf2.passwords();

    @Test
    void configuresOwaspStrengthInsteadOfThePlatformsDefault() {
        assertEquals(Map.of("Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
                "Pbkdf2PasswordHash.Iterations", "600000",
                "Pbkdf2PasswordHash.SaltSizeBytes", "32",
                "Pbkdf2PasswordHash.KeySizeBytes", "32"), pbkdf2.parameters);
    }

    @Test
    void hashesMadeWithOtherParametersAreNotCurrent() {
        assertTrue(passwords.isCurrent(passwords.hash("pw")));
        assertFalse(passwords.isCurrent(FakePasswordHash.encoding("pw", 2048)));
        assertFalse(passwords.isCurrent("PBKDF2WithHmacSHA512:600000:c2FsdA==:aGFzaA=="));
    }

    @Test
    void anUnknownUserCostsOneVerificationAgainstAValidHashWithTheSameParameters() {
        passwords.verifyForUnknownUser("guess");
        assertEquals(1, pbkdf2.verified);
    }
}
