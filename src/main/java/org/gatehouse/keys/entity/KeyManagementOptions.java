package org.gatehouse.keys.entity;

import java.time.Duration;
import java.util.List;

/**
 * Automatic key management, with Duende's defaults: a new key every 90 days, announced in the JWKS
 * 14 days before it signs, published 14 days after it stops. The first algorithm is the default one.
 * RSA keys are {@code rsaKeySize} bits (Duende's RsaKeySize, 2048). {@code encryptionKey} protects private keys and
 * grant data at rest; null leaves them unencrypted (development only). {@code previousEncryptionKeys} are the keys
 * it replaced: still read, and what they protect is encrypted again under the current key.
 */
public record KeyManagementOptions(
        List<String> signingAlgorithms,
        Duration rotationInterval,
        Duration propagationTime,
        Duration retentionDuration,
        int rsaKeySize,
        String encryptionKey,
        List<String> previousEncryptionKeys) {

    public KeyManagementOptions {
        previousEncryptionKeys = List.copyOf(previousEncryptionKeys);
    }

    public static final List<String> SUPPORTED_ALGORITHMS =
            List.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512");

    @Override
    public String toString() { // never print the encryption key
        return "KeyManagementOptions[" + signingAlgorithms + ", rotation " + rotationInterval + ", propagation "
                + propagationTime + ", retention " + retentionDuration + ", RSA " + rsaKeySize + " bits, encrypted at rest: " + (encryptionKey != null) + ", previous encryption keys: "
                + previousEncryptionKeys.size() + "]";
    }
}
