package org.gatehouse.mtls.boundary;

import static org.gatehouse.mtls.boundary.MutualTlsClients.assertInvalidClient;
import static org.gatehouse.mtls.boundary.MutualTlsClients.boundTo;
import static org.gatehouse.mtls.boundary.MutualTlsClients.confirmation;
import static org.gatehouse.mtls.boundary.MutualTlsClients.token;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.PKITLSClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.auth.SelfSignedTLSClientAuthentication;
import com.nimbusds.oauth2.sdk.id.ClientID;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.gatehouse.testing.PayaraMicroProcess;
import org.gatehouse.testing.TlsHeaderProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RFC 8705 behind a TLS-terminating proxy on 127.0.0.1 that asks for client certificates and forwards the one it
 * got in RFC 9440's {@code Client-Cert} header (gatehouse.mtls.certificate-header), to a Gatehouse that believes the
 * header from that proxy alone (gatehouse.trusted-proxies), and binds the tokens of every client that presents a
 * certificate (Duende's AlwaysEmitConfirmationClaim); the Nimbus SDK as the client, through the proxy.
 */
class MutualTlsBehindAProxyIT {

    private static final int PORT = Integer.getInteger("it.port.mtls-proxied", 18342);
    private static final int PROXY_PORT = Integer.getInteger("it.port.mtls-proxy", 18343);
    private static final String BASE = "https://localhost:" + PROXY_PORT + "/";

    private static MutualTlsClients clients;
    private static PayaraMicroProcess node;
    private static TlsHeaderProxy proxy;

    @BeforeAll
    static void start() throws Exception {
        clients = new MutualTlsClients("proxy");
        node = PayaraMicroProcess.start("mtls-proxied", PORT, Map.of(
                "gatehouse.settings-file", clients.settings().toString(),
                "gatehouse.issuer-uri", "https://localhost:" + PROXY_PORT,
                "gatehouse.key-management.encryption-key", "integration-tests-only",
                "gatehouse.trusted-proxies", "127.0.0.1, ::1",
                "gatehouse.mtls.certificate-header", "Client-Cert",
                "gatehouse.mtls.always-emit-confirmation-claim", "true"), Map.of(), List.of()).awaitReady(Duration.ofMinutes(3));
        proxy = TlsHeaderProxy.start(PROXY_PORT, PORT, clients.server, clients.trusted());
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void theCertificateTheProxyForwardsAuthenticatesAndBinds() throws Exception {
        var pki = clients.presenting(clients.pki);
        var response = token(URI.create(BASE + "connect/mtls/token"), new PKITLSClientAuthentication(new ClientID("pki.client"), pki), pki);
        assertEquals(boundTo(clients.pki), confirmation(response));
        var self = clients.presenting(clients.selfSigned);
        response = token(URI.create(BASE + "connect/token"), new SelfSignedTLSClientAuthentication(new ClientID("self.client"), self), self);
        assertEquals(boundTo(clients.selfSigned), confirmation(response));
    }

    @Test
    void withAlwaysEmitConfirmationClaimAClientAuthenticatedBySecretIsBoundToTheCertificateItPresented() throws Exception {
        var response = token(URI.create(BASE + "connect/token"), new ClientSecretBasic(new ClientID("secret.client"), new Secret("secret")),
                clients.presenting(clients.pki));
        assertEquals(boundTo(clients.pki), confirmation(response));
        response = token(URI.create(BASE + "connect/token"), new ClientSecretBasic(new ClientID("secret.client"), new Secret("secret")),
                clients.anonymous());
        assertEquals(Map.of(), confirmation(response), "no certificate, nothing to bind to");
    }

    @Test
    void aClientCannotSendTheHeaderItselfThroughTheProxy() throws Exception { // the proxy replaces it
        var none = clients.anonymous();
        var http = new TokenRequest(URI.create(BASE + "connect/mtls/token"), new PKITLSClientAuthentication(new ClientID("pki.client"), none),
                new ClientCredentialsGrant(), new Scope("api1")).toHTTPRequest();
        http.setSSLSocketFactory(none);
        http.setHeader("Client-Cert", ":" + clients.pki.base64() + ":");
        assertInvalidClient(TokenResponse.parse(http.send()));
    }
}
