package org.gatehouse.clients.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.gatehouse.clients.entity.Secret;
import org.gatehouse.protocol.control.Digests;
import org.junit.jupiter.api.Test;

class SecretVerifierTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    private static Secret shared(String secret, Instant expiration) {
        return new Secret(Secret.SHARED_SECRET, "", Digests.digest("SHA-256", secret.getBytes()), null, expiration, null);
    }

    @Test
    void anUnexpiredSharedSecretMatchesByItsHash() {
        assertTrue(SecretVerifier.matches(List.of(shared("s3cret", null)), "s3cret", NOW));
        assertFalse(SecretVerifier.matches(List.of(shared("s3cret", null)), "other", NOW));
        assertFalse(SecretVerifier.matches(List.of(shared("s3cret", NOW)), "s3cret", NOW));
    }

    @Test
    void aKeyOrCertificateSecretIsNeverAPassword() { // keys verify assertions (ClientAssertions), never passwords
        for (String type : List.of("JWK", "X509Thumbprint", "X509Name", "X509CertificateBase64")) {
            assertFalse(SecretVerifier.matches(List.of(new Secret(type, "abc", null, null, null, null)), "abc", NOW), type);
        }
    }
}
