package org.gatehouse.mtls.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.Optional;
import org.gatehouse.mtls.entity.MutualTlsOptions;
import org.junit.jupiter.api.Test;

class MutualTlsEndpointsTest {

    private static final String BASE = "https://login.example.com:8443/";

    private static MutualTlsEndpoints at(String domainName) {
        var endpoints = new MutualTlsEndpoints();
        endpoints.options = new MutualTlsOptions(domainName, false, null);
        return endpoints;
    }

    @Test
    void withoutADomainNameTheAliasesAreUnderTheIssuerAtDuendesPaths() {
        var endpoints = at(null);
        assertEquals(URI.create(BASE + "connect/mtls/token"), endpoints.alias(BASE, "connect/token"));
        assertEquals(URI.create(BASE + "connect/mtls/introspect"), endpoints.alias(BASE, "connect/introspect"));
        assertEquals(Optional.of("connect/token"), endpoints.aliased(BASE, "login.example.com:8443", "connect/mtls/token"));
        assertEquals(Optional.empty(), endpoints.aliased(BASE, "login.example.com:8443", "connect/token"));
        assertEquals(Optional.empty(), endpoints.aliased(BASE, "login.example.com:8443", "connect/mtls/authorize"));
    }

    @Test
    void aNameWithoutADotIsASubdomainOfTheIssuersHost() {
        var endpoints = at("mtls");
        assertEquals(URI.create("https://mtls.login.example.com:8443/connect/token"), endpoints.alias(BASE, "connect/token"));
        assertEquals(Optional.of("connect/token"), endpoints.aliased(BASE, "MTLS.login.example.com:8443", "connect/token"));
        assertEquals(Optional.empty(), endpoints.aliased(BASE, "login.example.com:8443", "connect/token"));
    }

    @Test
    void aNameWithADotIsAHostOfItsOwn() {
        var endpoints = at("mtls.example.com:9443");
        assertEquals(URI.create("https://mtls.example.com:9443/connect/revocation"), endpoints.alias(BASE, "connect/revocation"));
        assertEquals(Optional.of("connect/revocation"), endpoints.aliased(BASE, "mtls.example.com:9443", "connect/revocation"));
        assertEquals(Optional.empty(), endpoints.aliased(BASE, "mtls.example.com:9443", "connect/mtls/revocation"));
    }
}
