package org.gatehouse.users.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.gatehouse.users.entity.PasswordHashing;
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

    @Test
    void withArgon2idNewHashesAreArgon2idAndPbkdf2OnesStillVerifyButAreNotCurrent() {
        var argon2 = pbkdf2.passwords(PasswordHashing.ARGON2ID);
        String hash = argon2.hash("pw");
        assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);
        assertTrue(argon2.verify("pw", hash));
        assertFalse(argon2.verify("other", hash));
        assertTrue(argon2.isCurrent(hash));
        String older = FakePasswordHash.encoding("pw", 600_000);
        assertTrue(argon2.verify("pw", older), "a PBKDF2 hash made before the switch");
        assertFalse(argon2.isCurrent(older), "so that a configured clear password is hashed anew at the next start");
        assertFalse(passwords.isCurrent(hash), "and back: PBKDF2 again replaces Argon2id hashes");
        assertTrue(passwords.verify("pw", hash), "which still verify");
    }

    @Test
    void withArgon2idAnUnknownUserCostsAnArgon2idVerification() {
        var argon2 = pbkdf2.passwords(PasswordHashing.ARGON2ID);
        argon2.verifyForUnknownUser("guess");
        assertEquals(0, pbkdf2.verified, "not PBKDF2's cost");
    }
}
