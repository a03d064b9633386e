package org.gatehouse.keys.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.gatehouse.appsettings.ConfigurationException;
import org.gatehouse.keys.entity.SigningKeyRecord;
import org.junit.jupiter.api.Test;

class KeyProtectorTest {

    private final KeyProtector protector = new KeyProtector("a-long-random-secret-0123456789", List.of());

    @Test
    void aKeyInClearIsNotAcceptedOnceAnEncryptionKeyIsSet() {
        var key = KeyRepository.generate("ES256", 2048);
        var inClear = new SigningKeyRecord(key.getKeyID(), "ES256", 0, SigningKeyRecord.UNPROTECTED, key.toJSONString());
        assertFalse(protector.accepts(inClear));
        assertTrue(new KeyProtector(null, List.of()).accepts(inClear), "development: no key, keys in clear");
        var encrypted = new SigningKeyRecord(key.getKeyID(), "ES256", 0, protector.protection(), protector.protect(key));
        assertTrue(protector.accepts(encrypted));
        assertEquals(key, protector.unprotect(encrypted));
    }

    @Test
    void anEncryptedKeyMovedToAnotherRowIsRefused() {
        var mine = KeyRepository.generate("ES256", 2048);
        var planted = KeyRepository.generate("ES256", 2048);
        var moved = new SigningKeyRecord(mine.getKeyID(), "ES256", 0, protector.protection(), protector.protect(planted));
        var e = assertThrows(ConfigurationException.class, () -> protector.unprotect(moved));
        assertTrue(e.getMessage().contains("holds the ciphertext of another key"), e.getMessage());
    }

    @Test
    void afterAKeyChangeThePreviousKeyStillDecryptsUntilTheKeyIsEncryptedAgain() {
        var key = KeyRepository.generate("ES256", 2048);
        var old = new SigningKeyRecord(key.getKeyID(), "ES256", 0, protector.protection(), protector.protect(key));
        var rotated = new KeyProtector("the-new-long-random-secret-01234", List.of("a-long-random-secret-0123456789"));
        assertEquals(key, rotated.unprotect(old));
        assertFalse(rotated.isUnderCurrentKey(old));
        var again = new SigningKeyRecord(key.getKeyID(), "ES256", 0, rotated.protection(), rotated.protect(key));
        assertTrue(rotated.isUnderCurrentKey(again));
        assertThrows(ConfigurationException.class,
                () -> new KeyProtector("the-new-long-random-secret-01234", List.of()).unprotect(old), "without the previous key");
    }
}
