package org.gatehouse.clients.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.gatehouse.Fixtures;
import org.gatehouse.clients.entity.AuthenticatedClient;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.clients.entity.ClientChannel;
import org.gatehouse.clients.entity.Credentials;
import org.gatehouse.configuration.entity.Features;
import org.gatehouse.mtls.entity.ClientCertificate;
import org.gatehouse.protocol.control.Digests;
import org.gatehouse.protocol.control.FormParser;
import org.gatehouse.protocol.entity.ErrorCode;
import org.gatehouse.protocol.entity.OAuthError;
import org.gatehouse.protocol.entity.Outcome;
import org.gatehouse.testing.MutableClock;
import org.gatehouse.testing.TestCertificates;
import org.junit.jupiter.api.Test;

/** RFC 8705 §2: client authentication by the TLS client certificate, as {@link ClientAuthenticator} does it. */
class TlsClientAuthenticationTest {

    private static final String ISSUER = "https://id.example";

    private static final TestCertificates.Issued CA = TestCertificates.authority("CN=Test CA");
    private static final TestCertificates.Issued PKI_CLIENT = CA.issue("CN=client,OU=production,O=company");
    private static final TestCertificates.Issued SELF_SIGNED = TestCertificates.selfSigned("CN=self");

    private final MutableClock clock = new MutableClock(Instant.now());
    private final ClientAuthenticator authenticator = new ClientAuthenticator();
    {
        var byName = client("pki", "X509Name", "CN=client, OU=production, O=company"); // Duende's spelling, with spaces
        var byThumbprint = client("self", "X509Thumbprint", HexFormat.of().withUpperCase()
                .formatHex(Digests.digest("SHA-1", SELF_SIGNED.der())));
        var byJwk = client("jwk", "JWK", ("{\\\"kty\\\":\\\"EC\\\",\\\"crv\\\":\\\"P-256\\\",\\\"x\\\":\\\"%s\\\",\\\"y\\\":\\\"%s\\\","
                + "\\\"x5c\\\":[\\\"%s\\\"]}").formatted(coordinates(SELF_SIGNED)[0], coordinates(SELF_SIGNED)[1], SELF_SIGNED.base64()));
        var secretOnly = Fixtures.validClient(Fixtures.m2m("secret"));
        authenticator.clients = new ClientStore() {
            @Override
            public Optional<Client> find(String clientId) {
                return java.util.stream.Stream.of(byName, byThumbprint, byJwk, secretOnly)
                        .filter(c -> c.clientId().equals(clientId)).findFirst();
            }
        };
        authenticator.clock = clock;
        authenticator.callerAddress = () -> "192.0.2.1";
        authenticator.features = Features.ALL;
        authenticator.referenced = TestReferencedSecrets.of(java.util.Map.of());
        authenticator.assertions = ClientAssertionsTest.assertions(clock);
    }

    private static Client client(String id, String type, String value) {
        return Fixtures.validClient("{ \"ClientId\": \"" + id + "\", \"AllowedGrantTypes\": [ \"client_credentials\" ],"
                + " \"AllowedScopes\": [ \"api1\" ], \"ClientSecrets\": [ { \"Type\": \"" + type + "\", \"Value\": \"" + value + "\" } ] }");
    }

    private static String[] coordinates(TestCertificates.Issued issued) {
        try {
            var jwk = com.nimbusds.jose.jwk.ECKey.parse(issued.certificate());
            return new String[] {jwk.getX().toString(), jwk.getY().toString()};
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private Outcome<AuthenticatedClient> authenticate(String body, String authorization, TestCertificates.Issued presented) {
        var form = FormParser.parseEncoded(body).fold(f -> f, e -> { throw new AssertionError(e.toString()); });
        var certificate = Optional.ofNullable(presented).map(p -> new ClientCertificate(p.certificate()));
        return authenticator.authenticate(new ClientChannel(authorization, certificate, ISSUER, URI.create(ISSUER + "/connect/token")), form);
    }

    private String method(String body, TestCertificates.Issued presented) {
        return authenticate(body, null, presented).fold(AuthenticatedClient::method, e -> { throw new AssertionError(e.toString()); });
    }

    private OAuthError error(String body, TestCertificates.Issued presented) {
        return authenticate(body, null, presented).fold(c -> { throw new AssertionError("authenticated " + c); }, e -> e);
    }

    @Test
    void aCertificateWhoseSubjectIsTheClientsNameIsTlsClientAuthHoweverTheNameIsSpelt() {
        assertEquals(Credentials.TLS_CLIENT_AUTH, method("client_id=pki", PKI_CLIENT));
    }

    @Test
    void aSelfSignedCertificateIsNamedByItsThumbprintOrByAJwkWithIt() {
        assertEquals(Credentials.SELF_SIGNED_TLS_CLIENT_AUTH, method("client_id=self", SELF_SIGNED));
        assertEquals(Credentials.SELF_SIGNED_TLS_CLIENT_AUTH, method("client_id=jwk", SELF_SIGNED));
    }

    @Test
    void anotherCertificateOrNoneIsRefused() {
        assertEquals(ErrorCode.INVALID_CLIENT, error("client_id=pki", SELF_SIGNED).error());
        assertEquals(ErrorCode.INVALID_CLIENT, error("client_id=self", PKI_CLIENT).error());
        assertEquals(ErrorCode.INVALID_CLIENT, error("client_id=jwk", TestCertificates.selfSigned("CN=self")).error());
        var none = error("client_id=pki", null);
        assertEquals(ErrorCode.INVALID_CLIENT, none.error());
        assertEquals("this client must authenticate with its secret", none.description());
    }

    @Test
    void aCertificateWithTheRightNameFromOutsideItsValidityIsRefused() {
        var expired = CA.issue("CN=client, OU=production, O=company", Instant.now().minus(Duration.ofDays(3)),
                Instant.now().minus(Duration.ofDays(1)));
        assertEquals(ErrorCode.INVALID_CLIENT, error("client_id=pki", expired).error());
    }

    @Test
    void aCertificateAuthenticatesNoClientWhoseSecretsNameNone() {
        var outcome = authenticate("client_id=secret", null, PKI_CLIENT);
        assertEquals("this client must authenticate with its secret", outcome.fold(c -> "", OAuthError::description));
    }

    @Test
    void aSecretSentWithACertificateIsWhatAuthenticates() { // the certificate may still bind the tokens
        var basic = "Basic " + java.util.Base64.getEncoder().encodeToString("secret:secret".getBytes());
        assertEquals(Credentials.CLIENT_SECRET_BASIC,
                authenticate("", basic, PKI_CLIENT).fold(AuthenticatedClient::method, e -> e.toString()));
    }

    @Test
    void anExpiredCertificateSecretNamesNoCertificate() {
        var lapsed = Fixtures.validClient("{ \"ClientId\": \"lapsed\", \"AllowedGrantTypes\": [ \"client_credentials\" ],"
                + " \"ClientSecrets\": [ { \"Type\": \"X509Name\", \"Value\": \"CN=client,OU=production,O=company\","
                + " \"Expiration\": \"2020-01-01\" } ] }");
        assertEquals(Optional.empty(), CertificateMatcher.method(lapsed.secrets(), new ClientCertificate(PKI_CLIENT.certificate()),
                clock.instant()));
        assertTrue(CertificateMatcher.method(List.of(), new ClientCertificate(PKI_CLIENT.certificate()), clock.instant()).isEmpty());
    }
}
