package org.gatehouse.protocol.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfirmationTest {

    private static final Confirmation DPOP = Confirmation.dpop("jkt-1");
    private static final Confirmation CERTIFICATE = Confirmation.certificate("x5t-1");

    @Test
    void theClaimNamesEveryKeyAndReadsBack() { // RFC 7800 §3.1, RFC 9449 §6.1, RFC 8705 §3.1
        var both = DPOP.and(CERTIFICATE);
        assertEquals(Map.of("jkt", "jkt-1", "x5t#S256", "x5t-1"), both.claim());
        assertEquals(Optional.of(both), Confirmation.of(Map.of("cnf", both.claim())));
        assertEquals(Optional.of(CERTIFICATE), Confirmation.of(Map.of("cnf", Map.of("x5t#S256", "x5t-1"))));
        assertEquals(Optional.empty(), Confirmation.of(Map.of("cnf", Map.of("x5t", "sha1"))));
        assertEquals(Optional.empty(), Confirmation.of(Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new Confirmation("", null));
    }

    @Test
    void aTokenIsHeldOnlyByWhoeverProvesEveryKeyItNames() {
        assertTrue(CERTIFICATE.isHeldBy(Optional.of(DPOP.and(CERTIFICATE))));
        assertFalse(DPOP.and(CERTIFICATE).isHeldBy(Optional.of(CERTIFICATE)));
        assertFalse(CERTIFICATE.isHeldBy(Optional.of(Confirmation.certificate("x5t-2"))));
        assertFalse(DPOP.isHeldBy(Optional.empty()));
    }

    @Test
    void onlyADPoPBindingMakesTheTokenTypeDPoP() { // RFC 8705 keeps Bearer
        assertEquals("DPoP", Confirmation.tokenType(Optional.of(DPOP.and(CERTIFICATE))));
        assertEquals("Bearer", Confirmation.tokenType(Optional.of(CERTIFICATE)));
        assertEquals("Bearer", Confirmation.tokenType(Optional.empty()));
    }
}
