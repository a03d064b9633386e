package org.gatehouse.mtls.boundary;

import static org.gatehouse.mtls.boundary.MutualTlsClients.assertInvalidClient;
import static org.gatehouse.mtls.boundary.MutualTlsClients.boundTo;
import static org.gatehouse.mtls.boundary.MutualTlsClients.confirmation;
import static org.gatehouse.mtls.boundary.MutualTlsClients.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.PKITLSClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.auth.SelfSignedTLSClientAuthentication;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.gatehouse.testing.PayaraMicroProcess;
import org.gatehouse.testing.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RFC 8705 end to end on Payara Micro's own HTTPS listener on 127.0.0.1, which asks for client certificates
 * ({@code client-auth=want}) and trusts the test CA and the registered self-signed certificate: the Nimbus SDK's
 * {@code PKITLSClientAuthentication} and {@code SelfSignedTLSClientAuthentication} get certificate-bound tokens, at
 * the endpoint aliases and at the endpoints themselves; another certificate, or none, is {@code invalid_client}.
 */
class MutualTlsIT {

    private static final int HTTP_PORT = Integer.getInteger("it.port.mtls", 18340);
    private static final int HTTPS_PORT = Integer.getInteger("it.port.mtls-https", 18341);
    private static final String BASE = "https://localhost:" + HTTPS_PORT + "/";

    private static MutualTlsClients clients;
    private static PayaraMicroProcess node;

    @BeforeAll
    static void start() throws Exception {
        clients = new MutualTlsClients("listener");
        var keyStore = clients.server.keyStore(clients.directory.resolve("server.p12"), "server");
        var trustStore = TestCertificates.trustStore(clients.directory.resolve("trust.p12"), clients.trusted());
        var preBoot = Files.writeString(clients.directory.resolve("pre-boot-commands.asadmin"),
                Files.readString(java.nio.file.Path.of("server-config/pre-boot-commands.asadmin"))
                        + Files.readString(java.nio.file.Path.of("server-config/https.asadmin"))
                        + "\nset configs.config.server-config.network-config.protocols.protocol.https-listener.ssl.client-auth=want"
                        + "\nset configs.config.server-config.network-config.protocols.protocol.https-listener.ssl.trust-store="
                        + trustStore.toAbsolutePath() + "\n");
        node = PayaraMicroProcess.start("mtls-listener", HTTP_PORT, Map.of(
                "gatehouse.settings-file", clients.settings().toString(),
                "gatehouse.issuer-uri", "https://localhost:" + HTTPS_PORT,
                "gatehouse.key-management.encryption-key", "integration-tests-only",
                "javax.net.ssl.keyStore", keyStore.toAbsolutePath().toString(),
                "javax.net.ssl.keyStorePassword", new String(TestCertificates.PASSWORD),
                "javax.net.ssl.keyStoreType", "PKCS12"), Map.of(),
                List.of("--sslport", Integer.toString(HTTPS_PORT), "--sslcert", "server",
                        "--prebootcommandfile", preBoot.toString())).awaitReady(Duration.ofMinutes(3));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    private static URI alias(String endpoint) {
        return URI.create(BASE + "connect/mtls/" + endpoint);
    }

    @Test
    void discoveryOffersTheMethodsBoundTokensAndTheAliases() throws Exception { // RFC 8705 §2.1.1, §3.3, §5
        var http = new HTTPRequest(HTTPRequest.Method.GET, URI.create(BASE + ".well-known/openid-configuration"));
        http.setSSLSocketFactory(clients.anonymous());
        var metadata = http.send().getBodyAsJSONObject();
        assertTrue(JSONObjectUtils.getStringList(metadata, "token_endpoint_auth_methods_supported")
                .containsAll(List.of("tls_client_auth", "self_signed_tls_client_auth")));
        assertEquals(Boolean.TRUE, metadata.get("tls_client_certificate_bound_access_tokens"));
        assertEquals(Map.of("token_endpoint", BASE + "connect/mtls/token", "introspection_endpoint", BASE + "connect/mtls/introspect",
                "revocation_endpoint", BASE + "connect/mtls/revocation", "userinfo_endpoint", BASE + "connect/mtls/userinfo"),
                metadata.get("mtls_endpoint_aliases"));
    }

    /** Opens a TLS connection with only {@code suite} offered, and says which suite was agreed. */
    private static String handshake(String protocol, String suite) throws Exception {
        try (var socket = (SSLSocket) clients.anonymous().createSocket("localhost", HTTPS_PORT)) {
            socket.setEnabledProtocols(new String[] {protocol});
            socket.setEnabledCipherSuites(new String[] {suite});
            socket.startHandshake();
            return socket.getSession().getCipherSuite();
        }
    }

    @Test
    void theListenerSpeaksTls13AndOnlyBcp195sTls12Suites() throws Exception { // server-config/https.asadmin, RFC 9325 §4.2
        assertEquals("TLS_AES_128_GCM_SHA256", handshake("TLSv1.3", "TLS_AES_128_GCM_SHA256"));
        // The test's server certificate has an EC key: the ECDSA suites are those it can offer.
        assertEquals("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", handshake("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"));
        for (String weak : List.of("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
                "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256")) {
            assertThrows(SSLException.class, () -> handshake("TLSv1.2", weak), weak);
        }
    }

    @Test
    void aPkiClientGetsATokenBoundToItsCertificate() throws Exception { // §2.1, §3
        var response = token(alias("token"), new PKITLSClientAuthentication(new ClientID("pki.client"), clients.presenting(clients.pki)),
                clients.presenting(clients.pki));
        assertEquals("Bearer", assertInstanceOf(AccessTokenResponse.class, response).getTokens().getAccessToken().getType().getValue());
        assertEquals(boundTo(clients.pki), confirmation(response));
    }

    @Test
    void aSelfSignedClientAuthenticatesAtTheTokenEndpointItselfToo() throws Exception { // §2.2
        var tls = clients.presenting(clients.selfSigned);
        var response = token(URI.create(BASE + "connect/token"), new SelfSignedTLSClientAuthentication(new ClientID("self.client"), tls), tls);
        assertEquals(boundTo(clients.selfSigned), confirmation(response));
    }

    @Test
    void aDPoPProofAtAnAliasNamesTheAliasAndTheTokenIsBoundToBothKeys() throws Exception { // RFC 9449 §4.3, RFC 7800
        var key = new ECKeyGenerator(Curve.P_256).generate();
        var proofs = new DefaultDPoPProofFactory(key, JWSAlgorithm.ES256);
        var tls = clients.presenting(clients.pki);
        var authentication = new PKITLSClientAuthentication(new ClientID("pki.client"), tls);
        var http = new TokenRequest(alias("token"), authentication, new ClientCredentialsGrant(), new Scope("api1")).toHTTPRequest();
        http.setSSLSocketFactory(tls);
        http.setDPoP(proofs.createDPoPJWT("POST", alias("token")));
        var response = TokenResponse.parse(http.send());
        assertEquals("DPoP", assertInstanceOf(AccessTokenResponse.class, response).getTokens().getAccessToken().getType().getValue());
        var both = new java.util.HashMap<String, Object>(boundTo(clients.pki));
        both.put("jkt", key.computeThumbprint().toString());
        assertEquals(both, confirmation(response));

        var elsewhere = new TokenRequest(alias("token"), authentication, new ClientCredentialsGrant(), new Scope("api1")).toHTTPRequest();
        elsewhere.setSSLSocketFactory(tls);
        elsewhere.setDPoP(proofs.createDPoPJWT("POST", URI.create(BASE + "connect/token")));
        assertEquals("invalid_dpop_proof", MutualTlsClients.error(TokenResponse.parse(elsewhere.send())).getCode(),
                "a proof for the token endpoint's other URL");
    }

    @Test
    void anotherClientsCertificateOrNoneIsInvalidClient() throws Exception {
        var others = clients.presenting(clients.selfSigned);
        assertInvalidClient(token(alias("token"), new PKITLSClientAuthentication(new ClientID("pki.client"), others), others));
        var none = clients.anonymous();
        assertInvalidClient(token(alias("token"), new PKITLSClientAuthentication(new ClientID("pki.client"), none), none));
        var pki = clients.presenting(clients.pki);
        assertInvalidClient(token(alias("token"), new SelfSignedTLSClientAuthentication(new ClientID("self.client"), pki), pki));
    }

    @Test
    void aClientThatAuthenticatesWithItsSecretGetsAnUnboundTokenThoughItPresentsACertificate() throws Exception {
        // Duende's AlwaysEmitConfirmationClaim is off: only certificate authentication binds.
        var response = token(alias("token"), new ClientSecretBasic(new ClientID("secret.client"), new Secret("secret")),
                clients.presenting(clients.pki));
        assertEquals(Map.of(), confirmation(response));
    }

    @Test
    void introspectionShowsTheBindingAndRevocationEndsTheToken() throws Exception { // §3.2, RFC 7662, RFC 7009
        var tls = clients.presenting(clients.pki);
        var authentication = new PKITLSClientAuthentication(new ClientID("pki.client"), tls);
        var token = assertInstanceOf(AccessTokenResponse.class, token(alias("token"), authentication, tls)).getTokens().getAccessToken();

        var introspected = introspect(token, authentication, tls);
        assertTrue(introspected.isActive());
        assertEquals(boundTo(clients.pki), introspected.toJSONObject().get("cnf"));

        var revocation = new TokenRevocationRequest(alias("revocation"), authentication, token).toHTTPRequest();
        revocation.setSSLSocketFactory(tls);
        assertEquals(200, revocation.send().getStatusCode());
        assertFalse(introspect(token, authentication, tls).isActive());
    }

    private static TokenIntrospectionSuccessResponse introspect(AccessToken token, PKITLSClientAuthentication authentication,
            javax.net.ssl.SSLSocketFactory tls) throws Exception {
        var http = new TokenIntrospectionRequest(alias("introspect"), authentication, token).toHTTPRequest();
        http.setSSLSocketFactory(tls);
        var response = TokenIntrospectionResponse.parse(http.send());
        return assertInstanceOf(TokenIntrospectionSuccessResponse.class, response, () -> response.toErrorResponse().getErrorObject().toString());
    }
}
