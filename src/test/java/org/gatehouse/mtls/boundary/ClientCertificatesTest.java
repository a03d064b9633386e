package org.gatehouse.mtls.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.gatehouse.configuration.entity.Feature;
import org.gatehouse.configuration.entity.Features;
import org.gatehouse.mtls.entity.ClientCertificate;
import org.gatehouse.mtls.entity.MutualTlsOptions;
import org.gatehouse.network.entity.AddressRange;
import org.gatehouse.network.entity.TrustedProxies;
import org.gatehouse.testing.TestCertificates;
import org.junit.jupiter.api.Test;

class ClientCertificatesTest {

    private static final TestCertificates.Issued ON_THE_LISTENER = TestCertificates.selfSigned("CN=listener");
    private static final TestCertificates.Issued IN_THE_HEADER = TestCertificates.selfSigned("CN=header");

    private final ClientCertificates certificates = new ClientCertificates();
    {
        certificates.features = Features.ALL;
        certificates.options = new MutualTlsOptions(null, false, "Client-Cert");
        certificates.trusted = new TrustedProxies(List.of(AddressRange.parse("10.0.0.1").orElseThrow()));
    }

    /** A servlet request from {@code peer} with the listener's certificate and {@code headers} Client-Cert headers. */
    private static HttpServletRequest request(String peer, String... headers) {
        return (HttpServletRequest) Proxy.newProxyInstance(ClientCertificatesTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getRemoteAddr" -> peer;
                    case "getHeaders" -> Collections.enumeration("Client-Cert".equalsIgnoreCase((String) args[0]) ? List.of(headers) : List.of());
                    case "getAttribute" -> ClientCertificates.SERVLET_ATTRIBUTE.equals(args[0])
                            ? new X509Certificate[] {ON_THE_LISTENER.certificate()}
                            : null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static String header(TestCertificates.Issued issued) {
        return ":" + issued.base64() + ":";
    }

    private static boolean is(Optional<ClientCertificate> read, TestCertificates.Issued expected) {
        return read.map(certificate -> certificate.is(expected.certificate())).orElse(false);
    }

    @Test
    void aTrustedProxysHeaderIsTheCertificateNotTheProxysOwnConnection() {
        assertTrue(is(certificates.of(request("10.0.0.1", header(IN_THE_HEADER))), IN_THE_HEADER));
        assertEquals(Optional.empty(), certificates.of(request("10.0.0.1")), "no header: the proxy got no certificate");
        assertEquals(Optional.empty(), certificates.of(request("10.0.0.1", header(IN_THE_HEADER), header(ON_THE_LISTENER))),
                "two headers say nothing for sure");
    }

    @Test
    void anyoneElsesHeaderIsIgnoredForTheListenersCertificate() {
        assertTrue(is(certificates.of(request("192.0.2.7", header(IN_THE_HEADER))), ON_THE_LISTENER));
        certificates.options = new MutualTlsOptions(null, false, null); // no proxy forwards one
        assertTrue(is(certificates.of(request("10.0.0.1", header(IN_THE_HEADER))), ON_THE_LISTENER));
    }

    @Test
    void withMutualTlsOffNoRequestHasACertificate() {
        certificates.features = new Features(EnumSet.complementOf(EnumSet.of(Feature.MUTUAL_TLS)));
        assertEquals(Optional.empty(), certificates.of(request("192.0.2.7")));
        assertEquals(Optional.empty(), certificates.of(request("10.0.0.1", header(IN_THE_HEADER))));
    }
}
