package org.gatehouse.keys.entity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Automatic key management, with Duende's defaults: a new key every 90 days, announced in the JWKS
 * 14 days before it signs, published 14 days after it stops. The first algorithm is the default one.
 * RSA keys are {@code rsaKeySize} bits (Duende's RsaKeySize, 2048). {@code encryptionKey} protects private keys and
 * grant data at rest; null leaves them unencrypted (development only). {@code previousEncryptionKeys} are the keys
 * it replaced: still read, and what they protect is encrypted again under the current key. With
 * {@code requestObjectEncryption}, Gatehouse also keeps an RSA-OAEP-256 key (published with {@code "use": "enc"},
 * rotated as the signing keys) that clients encrypt their request objects to (RFC 9101 §6.1).
 */
public record KeyManagementOptions(
        List<String> signingAlgorithms,
        Duration rotationInterval,
        Duration propagationTime,
        Duration retentionDuration,
        int rsaKeySize,
        String encryptionKey,
        List<String> previousEncryptionKeys,
        boolean requestObjectEncryption) {

    public KeyManagementOptions {
        previousEncryptionKeys = List.copyOf(previousEncryptionKeys);
    }

    /** The algorithm of the key request objects are encrypted to. */
    public static final String REQUEST_OBJECT_ENCRYPTION = "RSA-OAEP-256";

    /** Every algorithm Gatehouse keeps keys for: the signing ones, then the request objects' encryption. */
    public List<String> managedAlgorithms() {
        if (!requestObjectEncryption) {
            return signingAlgorithms;
        }
        var all = new ArrayList<>(signingAlgorithms);
        all.add(REQUEST_OBJECT_ENCRYPTION);
        return List.copyOf(all);
    }

    public static final List<String> SUPPORTED_ALGORITHMS =
            List.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512");

    @Override
    public String toString() { // never print the encryption key
        return "KeyManagementOptions[" + signingAlgorithms + ", rotation " + rotationInterval + ", propagation "
                + propagationTime + ", retention " + retentionDuration + ", RSA " + rsaKeySize + " bits, encrypted at rest: " + (encryptionKey != null) + ", previous encryption keys: "
                + previousEncryptionKeys.size() + (requestObjectEncryption ? ", request objects encrypted to " + REQUEST_OBJECT_ENCRYPTION : "") + "]";
    }
}
