package org.gatehouse.grants.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.gatehouse.grants.entity.GrantType;
import org.gatehouse.keys.entity.KeyManagementOptions;
import org.junit.jupiter.api.Test;

class GrantDataProtectorTest {

    private static final String ALICES = GrantDataProtector.row("a1", GrantType.REFRESH_TOKEN, "alice");
    private static final String BOBS = GrantDataProtector.row("b2", GrantType.REFRESH_TOKEN, "bob");

    private static GrantDataProtector protector(String encryptionKey, String... previous) {
        var protector = new GrantDataProtector();
        protector.options = new KeyManagementOptions(List.of("RS256"), Duration.ofDays(90), Duration.ofDays(14),
                Duration.ofDays(14), 2048, encryptionKey, List.of(previous), false);
        protector.init();
        return protector;
    }

    private final GrantDataProtector protector = protector("a-long-random-secret-0123456789");

    @Test
    void dataIsEncryptedAndReadBackForItsOwnRowOnly() {
        String stored = protector.protect("{\"sub\":\"alice\"}", ALICES);
        assertFalse(stored.contains("alice"));
        assertEquals(Optional.of("{\"sub\":\"alice\"}"), protector.unprotect(stored, ALICES));
        assertEquals(Optional.empty(), protector.unprotect(stored, BOBS), "moved to bob's row");
        assertEquals(Optional.empty(), protector.unprotect(stored,
                GrantDataProtector.row("a1", GrantType.REFERENCE_TOKEN, "alice")), "as another type");
    }

    @Test
    void dataInClearIsRefusedOnceAKeyIsSetAndReadWithoutOne() {
        assertEquals(Optional.empty(), protector.unprotect("{\"sub\":\"mallory\"}", ALICES));
        var development = protector(null);
        assertEquals("{\"sub\":\"alice\"}", development.protect("{\"sub\":\"alice\"}", ALICES));
        assertEquals(Optional.of("{\"sub\":\"alice\"}"), development.unprotect("{\"sub\":\"alice\"}", ALICES));
    }

    @Test
    void dataEncryptedUnderAnotherKeyIsAnErrorNotAMissingGrant() {
        String stored = protector("another-long-random-secret-0123").protect("{}", ALICES);
        assertThrows(IllegalStateException.class, () -> protector.unprotect(stored, ALICES));
        assertThrows(IllegalStateException.class, () -> protector(null).unprotect(stored, ALICES));
    }

    @Test
    void afterAKeyChangeThePreviousKeyStillReadsAndReprotectingMovesDataToTheNewOne() {
        String old = protector.protect("{\"sub\":\"alice\"}", ALICES);
        var rotated = protector("the-new-long-random-secret-01234", "a-long-random-secret-0123456789");
        assertEquals(Optional.of("{\"sub\":\"alice\"}"), rotated.unprotect(old, ALICES));
        assertTrue(rotated.isUnderPreviousKey(old));
        String again = rotated.reprotect(old, ALICES).orElseThrow();
        assertFalse(rotated.isUnderPreviousKey(again));
        assertEquals(Optional.of("{\"sub\":\"alice\"}"), protector("the-new-long-random-secret-01234").unprotect(again, ALICES),
                "readable once the previous key is gone");
        assertEquals(Optional.empty(), rotated.reprotect(old, BOBS), "still bound to its row");
    }
}
