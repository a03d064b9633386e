package org.gatehouse.mtls.control;

import com.nimbusds.jose.util.X509CertUtils;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.gatehouse.mtls.entity.ClientCertificate;

/**
 * Reads the client certificate a TLS-terminating proxy forwards in a header, in either form proxies write: RFC 9440
 * §2.2's {@code Client-Cert}, the DER as a structured-field byte sequence ({@code :MIIC…:}), or a PEM, URL-encoded as
 * nginx's {@code $ssl_client_escaped_cert} is or with its line breaks folded into spaces. Anything else is no
 * certificate: a request it came with cannot authenticate by, or be bound to, a certificate.
 */
public final class CertificateHeader {

    /** Larger than any client certificate with long names and many extensions; a header past it is not parsed. */
    static final int MAX_LENGTH = 16 * 1024;

    private static final String PEM_BEGIN = "-----BEGIN CERTIFICATE-----";
    private static final String PEM_END = "-----END CERTIFICATE-----";

    private CertificateHeader() {
    }

    public static Optional<ClientCertificate> parse(String value) {
        if (value == null || value.isBlank() || value.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String text = value.trim();
        String base64;
        if (text.length() > 2 && text.startsWith(":") && text.endsWith(":")) {
            base64 = text.substring(1, text.length() - 1);
        } else {
            String pem = text.contains("%") ? decodeUrl(text) : text;
            int begin = pem.indexOf(PEM_BEGIN);
            int end = pem.indexOf(PEM_END);
            if (begin < 0 || end < begin) {
                return Optional.empty();
            }
            base64 = pem.substring(begin + PEM_BEGIN.length(), end).replaceAll("\\s+", "");
        }
        try {
            return Optional.ofNullable(X509CertUtils.parse(Base64.getDecoder().decode(base64))).map(ClientCertificate::new);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String decodeUrl(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8); // a PEM's "+" is Base64, not a space
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
