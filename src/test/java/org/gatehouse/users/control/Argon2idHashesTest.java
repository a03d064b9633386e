package org.gatehouse.users.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Argon2id in the PHC format, with hashes of the reference implementation (Debian's argon2 command) as the oracle. */
class Argon2idHashesTest {

    /** {@code echo -n "correct horse" | argon2 somesaltsomesalt -id -t 2 -k 19456 -p 1 -l 32 -e}: today's parameters. */
    private static final String REFERENCE = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$"
            + "k9ohroejZy1PN5E1SbHNPug6vB8eQAahb5SOAp6iGF4";

    /** {@code echo -n "password" | argon2 somesalt -id -t 3 -k 65536 -p 4 -l 32 -e}: other parameters, 8-byte salt. */
    private static final String OTHER_PARAMETERS = "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$"
            + "Zh/vvW8pvLyPRkarwyqdekZFu1wFlTf4pVh/Ma2+zM0";

    @Test
    void verifiesTheReferenceImplementationsHashes() {
        assertTrue(Argon2idHashes.verify("correct horse", REFERENCE));
        assertFalse(Argon2idHashes.verify("correct horsf", REFERENCE));
        assertTrue(Argon2idHashes.verify("password", OTHER_PARAMETERS));
    }

    @Test
    void newHashesUseOwaspsParametersAndAFreshSalt() {
        String hash = Argon2idHashes.hash("correct horse");
        assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);
        assertTrue(Argon2idHashes.verify("correct horse", hash));
        assertNotEquals(hash, Argon2idHashes.hash("correct horse"), "salted");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "$argon2id$v=19$m=2000000,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$k9ohroejZy1PN5E1SbHNPug6vB8eQAahb5SOAp6iGF4", // 2 GiB
        "$argon2id$v=19$m=19456,t=99,p=1$c29tZXNhbHRzb21lc2FsdA$k9ohroejZy1PN5E1SbHNPug6vB8eQAahb5SOAp6iGF4",
        "$argon2id$v=16$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$k9ohroejZy1PN5E1SbHNPug6vB8eQAahb5SOAp6iGF4", // version 1.0
        "$argon2i$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$k9ohroejZy1PN5E1SbHNPug6vB8eQAahb5SOAp6iGF4",
        "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA",
        "PBKDF2WithHmacSHA256:600000:c2FsdA==:aGFzaA=="})
    void aHashItCannotOrShouldNotCheckVerifiesNothing(String hash) {
        assertFalse(Argon2idHashes.verify("correct horse", hash));
    }
}
