package org.gatehouse.clients.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import org.gatehouse.clients.entity.Secret;
import org.gatehouse.protocol.control.Digests;

/** Checks a presented secret against Duende-style stored hashes (client secrets, API secrets). */
public final class SecretVerifier {

    private SecretVerifier() {
    }

    /** Compares hashes in constant time; every unexpired shared secret is tried. */
    public static boolean matches(List<Secret> secrets, String secret, Instant now) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        byte[] sha256 = null;
        byte[] sha512 = null;
        boolean matched = false;
        for (var stored : secrets) {
            if (!stored.isSharedSecret() || stored.isExpiredAt(now)) {
                continue;
            }
            byte[] presented;
            if (stored.hash().length == 32) {
                presented = sha256 == null ? (sha256 = Digests.digest("SHA-256", bytes)) : sha256;
            } else {
                presented = sha512 == null ? (sha512 = Digests.digest("SHA-512", bytes)) : sha512;
            }
            matched |= MessageDigest.isEqual(presented, stored.hash());
        }
        return matched;
    }

}
