package org.gatehouse.keys.entity;

import com.nimbusds.jose.jwk.JWK;
import java.time.Instant;

/** A signing key, decrypted: what the rotation policy reasons about and the signer uses. */
public record StoredKey(String keyId, String algorithm, Instant created, JWK jwk) {
}
