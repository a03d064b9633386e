package org.gatehouse.clients.entity;

import com.nimbusds.jose.jwk.JWK;
import java.time.Instant;

/**
 * A client or API secret as Duende stores it. For {@link #SHARED_SECRET} the value is the Base64 of
 * the SHA-256 or SHA-512 of the secret, and {@code hash} holds its decoded bytes. For {@link #JSON_WEB_KEY} and
 * {@link #X509_CERTIFICATE} the value is a public key (a JWK, or the Base64 of a DER certificate), and {@code key}
 * holds it as a public JWK: what a {@code private_key_jwt} assertion is verified with.
 */
public record Secret(String type, String value, byte[] hash, JWK key, Instant expiration, String description) {

    public static final String SHARED_SECRET = "SharedSecret";
    /** Duende's {@code IdentityServerConstants.SecretTypes.JsonWebKey}. */
    public static final String JSON_WEB_KEY = "JWK";
    public static final String X509_CERTIFICATE = "X509CertificateBase64";

    public boolean isSharedSecret() {
        return SHARED_SECRET.equals(type);
    }

    /** A public key that verifies the client's {@code private_key_jwt} assertions. */
    public boolean isAssertionKey() {
        return key != null;
    }

    public boolean isExpiredAt(Instant now) {
        return expiration != null && !now.isBefore(expiration);
    }
}
