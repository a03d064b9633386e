package org.gatehouse.clients.control;

import com.nimbusds.jose.util.X509CertUtils;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.gatehouse.clients.entity.Credentials;
import org.gatehouse.clients.entity.Secret;
import org.gatehouse.mtls.entity.ClientCertificate;

/**
 * Which TLS client authentication method (RFC 8705 §2) a certificate proves a client by, if any, against the client's
 * unexpired secrets: {@code tls_client_auth} by an {@code X509Name} secret, the subject's distinguished name (compared as
 * X.500 names, so that Duende's {@code "CN=client, O=company"} matches however the certificate spells it), while the
 * certificate is valid; {@code self_signed_tls_client_auth} by an {@code X509Thumbprint} secret (its SHA-1, as .NET
 * prints it) or a {@code JWK} secret whose {@code x5c} starts with the certificate (§2.2: the certificate itself is
 * registered, so neither its chain nor its dates are checked).
 */
final class CertificateMatcher {

    private CertificateMatcher() {
    }

    static Optional<String> method(List<Secret> secrets, ClientCertificate certificate, Instant now) {
        for (var secret : secrets) {
            if (secret.isExpiredAt(now) || !secret.namesCertificate()) {
                continue;
            }
            if (Secret.X509_NAME.equals(secret.type())) {
                if (certificate.isValidAt(now) && certificate.hasSubject(new X500Principal(secret.value()))) {
                    return Optional.of(Credentials.TLS_CLIENT_AUTH);
                }
            } else if (Secret.X509_THUMBPRINT.equals(secret.type())
                    ? secret.value().toLowerCase(Locale.ROOT).equals(certificate.sha1Thumbprint())
                    : certificate.is(registered(secret))) {
                return Optional.of(Credentials.SELF_SIGNED_TLS_CLIENT_AUTH);
            }
        }
        return Optional.empty();
    }

    private static X509Certificate registered(Secret jwk) {
        return X509CertUtils.parse(jwk.key().getX509CertChain().get(0).decode());
    }
}
