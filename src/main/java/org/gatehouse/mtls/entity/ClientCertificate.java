package org.gatehouse.mtls.entity;

import com.nimbusds.jose.util.X509CertUtils;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import javax.security.auth.x500.X500Principal;
import org.gatehouse.protocol.control.Digests;

/**
 * The X.509 certificate a client presented in its TLS handshake (RFC 8705), as the TLS layer handed it on: Payara's
 * listener, or a trusted proxy's header. Possession of its private key was proven by the handshake; whether its chain
 * is trusted is the TLS layer's decision, as in Duende.
 */
public record ClientCertificate(X509Certificate certificate) {

    public ClientCertificate {
        if (certificate == null) {
            throw new IllegalArgumentException("a client certificate needs its certificate");
        }
    }

    /** RFC 8705 §3.1: {@code x5t#S256}, the base64url SHA-256 of the DER certificate, which binds tokens to it. */
    public String thumbprint() {
        return X509CertUtils.computeSHA256Thumbprint(certificate).toString();
    }

    /** The hex SHA-1 of the DER certificate, as .NET's {@code X509Certificate2.Thumbprint} and Duende's {@code X509Thumbprint}. */
    public String sha1Thumbprint() {
        return HexFormat.of().formatHex(Digests.digest("SHA-1", der()));
    }

    /** Whether the certificate's subject is the distinguished name {@code name}, compared as X.500 names, not strings. */
    public boolean hasSubject(X500Principal name) {
        return certificate.getSubjectX500Principal().equals(name);
    }

    /** Whether this is the certificate {@code other}, byte for byte (null: none). */
    public boolean is(X509Certificate other) {
        try {
            return other != null && Arrays.equals(der(), other.getEncoded());
        } catch (CertificateEncodingException e) {
            return false;
        }
    }

    public boolean isValidAt(Instant now) {
        var date = Date.from(now);
        return !date.before(certificate.getNotBefore()) && !date.after(certificate.getNotAfter());
    }

    private byte[] der() {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a parsed certificate has no encoding", e);
        }
    }
}
