package org.gatehouse.keys.entity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * What the keys are at one moment: the signer of each algorithm, the published public keys and their
 * JWKS document, and the private encryption keys that request objects may be encrypted to (every one published). Immutable, so
 * the token path reads it without locks; replaced whole when the keys change.
 */
public record KeyRing(Map<String, ActiveKey> signers, JWKSet publicKeys, String jwks, JWKSet decryptionKeys,
        Instant refreshAt) {

    /** A key that signs now, with its signer prepared once. */
    public record ActiveKey(String keyId, String algorithm, JWSSigner signer) {

        private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

        /**
         * The signed JWT's compact serialization (RFC 7515 §7.1), its header naming this key and {@code type}
         * (null: no {@code typ}). Nimbus's signer signs; the header and claims are base64url-encoded with the
         * JDK's encoder: Nimbus's own, constant-time for secrets, cost up to a tenth of a token's CPU on this
         * public data (JFR under src/test/load/bench.sh; 8 % more RS256 refreshes per second without it).
         */
        public String sign(JOSEObjectType type, JWTClaimsSet claims) throws JOSEException {
            var header = new JWSHeader.Builder(JWSAlgorithm.parse(algorithm)).keyID(keyId).type(type).build();
            String signingInput = BASE64URL.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8)) + '.'
                    + BASE64URL.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
            return signingInput + '.' + signer.sign(header, signingInput.getBytes(StandardCharsets.US_ASCII));
        }
    }
}
