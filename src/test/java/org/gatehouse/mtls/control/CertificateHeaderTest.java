package org.gatehouse.mtls.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.gatehouse.testing.TestCertificates;
import org.junit.jupiter.api.Test;

class CertificateHeaderTest {

    private final TestCertificates.Issued client = TestCertificates.selfSigned("CN=client, O=company");

    @Test
    void readsRfc9440sByteSequence() {
        var read = CertificateHeader.parse(":" + client.base64() + ":");
        assertTrue(read.orElseThrow().is(client.certificate()));
    }

    @Test
    void readsNginxsUrlEncodedPem() { // $ssl_client_escaped_cert
        var escaped = URLEncoder.encode(client.pem(), StandardCharsets.UTF_8).replace("+", "%20");
        assertTrue(CertificateHeader.parse(escaped).orElseThrow().is(client.certificate()));
    }

    @Test
    void readsAPemWhoseLineBreaksAreFoldedIntoSpaces() { // Apache's SSL_CLIENT_CERT through RequestHeader, HAProxy
        assertTrue(CertificateHeader.parse(client.pem().replace('\n', ' ')).orElseThrow().is(client.certificate()));
    }

    @Test
    void anythingElseIsNoCertificate() {
        for (String value : new String[] {"", "   ", "::", ":not base64:", ":" + client.base64().substring(10) + ":",
                "-----BEGIN CERTIFICATE----- AAAA -----END CERTIFICATE-----", "(null)", "%ZZ-----BEGIN"}) {
            assertEquals(java.util.Optional.empty(), CertificateHeader.parse(value), value);
        }
        assertEquals(java.util.Optional.empty(), CertificateHeader.parse(null));
    }

    @Test
    void aHeaderLargerThanAnyCertificateIsNotParsed() {
        String padded = ":" + client.base64() + ":" + " ".repeat(CertificateHeader.MAX_LENGTH);
        assertEquals(java.util.Optional.empty(), CertificateHeader.parse(padded));
    }
}
