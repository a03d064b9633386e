package org.gatehouse.keys.entity;

import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jwk.JWKSet;
import java.time.Instant;
import java.util.Map;

/**
 * What the keys are at one moment: the signer of each algorithm, the published public keys and their
 * JWKS document. Immutable, so
 * the token path reads it without locks; replaced whole when the keys change.
 */
public record KeyRing(Map<String, ActiveKey> signers, JWKSet publicKeys, String jwks, Instant refreshAt) {

    /** A key that signs now, with its signer prepared once. */
    public record ActiveKey(String keyId, String algorithm, JWSSigner signer) {
    }
}
