package org.gatehouse.users.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Pbkdf2EncodingTest {

    /** As Soteria's Pbkdf2PasswordHashImpl encodes a hash: algorithm:iterations:Base64(salt):Base64(hash). */
    private static final String SOTERIA_HASH = "PBKDF2WithHmacSHA256:600000:"
            + "WqTwEy1wmo1cRfc9cEFuL+zFK+YmIBqjoUt+RDBcyIA=:z6tZJwR4Z+aqNaV7Eq8A0U0+NRoOdHL+6/+jzcGO7s0=";

    @ParameterizedTest
    @ValueSource(strings = {SOTERIA_HASH, "PBKDF2WithHmacSHA512:210000:c2FsdA==:aGFzaA==",
            "PBKDF2WithHmacSHA224:1024:c2FsdA==:aGFzaA==", "PBKDF2WithHmacSHA384:1:c2FsdA==:aGFzaA=="})
    void pbkdf2PasswordHashEncodingsAreHashes(String hash) {
        assertTrue(Pbkdf2Encoding.isHashed(hash));
        assertNull(Pbkdf2Encoding.defect(hash));
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "correct horse battery staple", "PBKDF2WithHmacSHA256", "pbkdf2withhmacsha256:2048:a:b",
            "x:PBKDF2WithHmacSHA256:2048:c2FsdA==:aGFzaA==", "$pbkdf2-sha256$29000$c2FsdA$aGFzaA", ""})
    void anythingElseIsAClearPassword(String password) {
        assertFalse(Pbkdf2Encoding.isHashed(password));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "PBKDF2WithHmacSHA256:2048:c2FsdA==                  | must have four parts",
            "PBKDF2WithHmacSHA256:2048:c2FsdA==:aGFzaA==:x        | must have four parts",
            "PBKDF2WithHmacSHA1:2048:c2FsdA==:aGFzaA==            | the algorithm \"PBKDF2WithHmacSHA1\" is not one of",
            "PBKDF2WithHmacSHA256:many:c2FsdA==:aGFzaA==          | the iteration count \"many\" is not a number",
            "PBKDF2WithHmacSHA256:0:c2FsdA==:aGFzaA==             | the iteration count must be positive",
            "PBKDF2WithHmacSHA256:2048::aGFzaA==                  | the salt is empty",
            "PBKDF2WithHmacSHA256:2048:c2FsdA==:not*base64        | the hash is not Base64"})
    void malformedHashesSayWhatIsWrong(String hash, String defect) {
        assertTrue(Pbkdf2Encoding.isHashed(hash));
        String found = Pbkdf2Encoding.defect(hash);
        assertTrue(found != null && found.startsWith(defect), () -> "expected «" + defect + "», got «" + found + "»");
    }
}
