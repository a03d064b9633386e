package org.gatehouse.mtls.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.nimbusds.jose.util.X509CertUtils;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSocketFactory;
import org.gatehouse.Fixtures;
import org.gatehouse.protocol.control.Digests;
import org.gatehouse.testing.TestCertificates;

/**
 * What the mutual-TLS ITs share: certificates made for the run (a CA and the client certificate it issues, a
 * self-signed one, a server certificate for localhost), the settings file naming them as Duende's secret types, and
 * the Nimbus SDK as the client.
 */
final class MutualTlsClients {

    final TestCertificates.Issued server = TestCertificates.localhost();
    final TestCertificates.Issued authority = TestCertificates.authority("CN=Gatehouse Test CA");
    /** {@code pki.client}'s certificate, named by its subject (tls_client_auth). */
    final TestCertificates.Issued pki = authority.issue("CN=pki.client,O=Gatehouse Tests");
    /** {@code self.client}'s certificate, named by its thumbprint (self_signed_tls_client_auth). */
    final TestCertificates.Issued selfSigned = TestCertificates.selfSigned("CN=self.client");
    final Path directory;

    MutualTlsClients(String name) throws IOException {
        directory = Files.createDirectories(Path.of("target/it-mtls", name));
    }

    /** The certificates a TLS layer in front of Gatehouse accepts: the CA's, and the self-signed one registered. */
    List<X509Certificate> trusted() {
        return List.of(authority.certificate(), selfSigned.certificate());
    }

    /** A Duende settings file with the three clients, mutual TLS switched on as Duende switches it. */
    Path settings() throws IOException {
        String thumbprint = HexFormat.of().withUpperCase().formatHex(Digests.digest("SHA-1", selfSigned.der()));
        String json = """
                { "IdentityServer": {
                    "MutualTls": { "Enabled": true },
                    "ApiScopes": [ { "Name": "api1" } ],
                    "Clients": [
                      { "ClientId": "pki.client", "AllowedGrantTypes": [ "client_credentials" ], "AllowedScopes": [ "api1" ],
                        "ClientSecrets": [ { "Type": "X509Name", "Value": "CN=pki.client, O=Gatehouse Tests" } ] },
                      { "ClientId": "self.client", "AllowedGrantTypes": [ "client_credentials" ], "AllowedScopes": [ "api1" ],
                        "ClientSecrets": [ { "Type": "X509Thumbprint", "Value": "%s" } ] },
                      { "ClientId": "secret.client", "AllowedGrantTypes": [ "client_credentials" ], "AllowedScopes": [ "api1" ],
                        "ClientSecrets": [ { "Value": "%s" } ] } ] } }
                """.formatted(thumbprint, Fixtures.SECRET_HASH);
        return Files.writeString(directory.resolve("appsettings.json"), json);
    }

    SSLSocketFactory presenting(TestCertificates.Issued certificate) {
        return certificate.clientSocketFactory(server.certificate());
    }

    SSLSocketFactory anonymous() {
        return TestCertificates.anonymousSocketFactory(server.certificate());
    }

    /** A client-credentials request for api1, authenticated as {@code authentication}, over {@code tls}. */
    static TokenResponse token(URI endpoint, ClientAuthentication authentication, SSLSocketFactory tls)
            throws IOException, com.nimbusds.oauth2.sdk.ParseException {
        var http = new TokenRequest(endpoint, authentication, new ClientCredentialsGrant(), new Scope("api1")).toHTTPRequest();
        http.setSSLSocketFactory(tls);
        return TokenResponse.parse(http.send());
    }

    /** The {@code cnf} claim of a successful response's JWT access token (absent: an empty map). */
    static Map<String, Object> confirmation(TokenResponse response) throws ParseException {
        var success = assertInstanceOf(AccessTokenResponse.class, response, () -> String.valueOf(response.toErrorResponse().getErrorObject()));
        var cnf = SignedJWT.parse(success.getTokens().getAccessToken().getValue()).getJWTClaimsSet().getJSONObjectClaim("cnf");
        return cnf == null ? Map.of() : cnf;
    }

    /** RFC 8705 §3.1: what {@code x5t#S256} must say for {@code certificate}. */
    static Map<String, Object> boundTo(TestCertificates.Issued certificate) {
        return Map.of("x5t#S256", X509CertUtils.computeSHA256Thumbprint(certificate.certificate()).toString());
    }

    static ErrorObject error(TokenResponse response) {
        return assertInstanceOf(TokenErrorResponse.class, response).getErrorObject();
    }

    static void assertInvalidClient(TokenResponse response) {
        var error = error(response);
        assertEquals("invalid_client", error.getCode(), error::toString);
        assertEquals(401, error.getHTTPStatusCode());
    }
}
