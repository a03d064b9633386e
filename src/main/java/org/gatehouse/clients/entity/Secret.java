package org.gatehouse.clients.entity;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import java.time.Instant;

/**
 * A client or API secret as Duende stores it. For {@link #SHARED_SECRET} the value is the Base64 of
 * the SHA-256 or SHA-512 of the secret, and {@code hash} holds its decoded bytes. For {@link #JSON_WEB_KEY} and
 * {@link #X509_CERTIFICATE} the value is a public key (a JWK, or the Base64 of a DER certificate), and {@code key}
 * holds it as a public JWK: what a {@code private_key_jwt} assertion is verified with. {@link #X509_NAME} (a subject
 * distinguished name) and {@link #X509_THUMBPRINT} (the hex SHA-1 of a certificate) name the TLS client certificate
 * the client authenticates with (RFC 8705 §2.1 and §2.2). {@link #SHARED_SECRET_REFERENCE}, Gatehouse's own, names
 * the MicroProfile Config property that holds a shared secret in clear ({@code ${name}}), which can then also be the
 * MAC key of {@code client_secret_jwt} (RFC 7523 §2.2): the settings file, kept in the database, never holds it.
 */
public record Secret(String type, String value, byte[] hash, JWK key, Instant expiration, String description) {

    public static final String SHARED_SECRET = "SharedSecret";
    /** Duende's {@code IdentityServerConstants.SecretTypes.JsonWebKey}. */
    public static final String JSON_WEB_KEY = "JWK";
    public static final String X509_CERTIFICATE = "X509CertificateBase64";
    /** Duende's {@code X509CertificateName}: {@code tls_client_auth}, by the certificate's subject. */
    public static final String X509_NAME = "X509Name";
    /** Duende's {@code X509CertificateThumbprint}: {@code self_signed_tls_client_auth}, by the certificate itself. */
    public static final String X509_THUMBPRINT = "X509Thumbprint";
    /** Gatehouse's: {@code ${property}}, the MicroProfile Config property holding the secret itself. */
    public static final String SHARED_SECRET_REFERENCE = "SharedSecretReference";

    public boolean isSharedSecret() {
        return SHARED_SECRET.equals(type);
    }

    /** A public key that verifies what the client signs (its assertions, its request objects): not one for encryption. */
    public boolean isAssertionKey() {
        return key != null && !KeyUse.ENCRYPTION.equals(key.getKeyUse());
    }

    /** A public key of the client's to encrypt to (RFC 7517 §4.2: {@code "use": "enc"}). */
    public boolean isEncryptionKey() {
        return key != null && KeyUse.ENCRYPTION.equals(key.getKeyUse());
    }

    /** The MicroProfile Config property a {@link #SHARED_SECRET_REFERENCE} names, or null for another type. */
    public String property() {
        return SHARED_SECRET_REFERENCE.equals(type) ? value.substring(2, value.length() - 1) : null;
    }

    /** A TLS client certificate's name or thumbprint, or a JWK with a certificate in {@code x5c} (RFC 8705 §2.2). */
    public boolean namesCertificate() {
        return X509_NAME.equals(type) || X509_THUMBPRINT.equals(type) || (key != null && key.getX509CertChain() != null);
    }

    public boolean isExpiredAt(Instant now) {
        return expiration != null && !now.isBefore(expiration);
    }
}
