package org.gatehouse.clients.entity;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import java.util.List;

/**
 * How a client's JARM responses are encrypted to it (JARM §3's {@code authorization_encrypted_response_alg} and
 * {@code _enc}, Gatehouse's client properties {@code AuthorizationEncryptedResponseAlg} and {@code …Enc}; Duende has
 * no JARM): to the public key of one of its {@code JWK} secrets that says {@code "use": "enc"}.
 */
public record ResponseEncryption(JWEAlgorithm algorithm, EncryptionMethod method) {

    /**
     * Key agreement and RSA-OAEP with SHA-256 (RFC 7518 §4.3, §4.6); not RSA1_5, which RFC 8725 §3.2 advises against,
     * nor RSA-OAEP's SHA-1.
     */
    public static final List<JWEAlgorithm> ALGORITHMS = List.of(JWEAlgorithm.RSA_OAEP_256, JWEAlgorithm.ECDH_ES,
            JWEAlgorithm.ECDH_ES_A128KW, JWEAlgorithm.ECDH_ES_A256KW);

    public static final List<EncryptionMethod> METHODS = List.of(EncryptionMethod.A128CBC_HS256,
            EncryptionMethod.A256CBC_HS512, EncryptionMethod.A128GCM, EncryptionMethod.A256GCM);

    /** JARM §3: the default content encryption. */
    public static final EncryptionMethod DEFAULT_METHOD = EncryptionMethod.A128CBC_HS256;

    /** Whether the algorithm encrypts to an RSA key; else to an EC key. */
    public boolean toRsaKey() {
        return JWEAlgorithm.Family.RSA.contains(algorithm);
    }
}
