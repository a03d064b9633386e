package org.gatehouse.clients.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.auth.ClientSecretJWT;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.JWTID;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.gatehouse.Fixtures;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.clients.entity.Credentials;
import org.gatehouse.protocol.entity.Form;
import org.gatehouse.replay.control.TestReplayGuards;
import org.gatehouse.testing.MutableClock;
import org.gatehouse.testing.TestSecrets;
import org.junit.jupiter.api.Test;

/**
 * private_key_jwt (RFC 7523 §2.2 and §3, OIDC Core §9) with the Nimbus SDK's {@link PrivateKeyJWT} as the client:
 * what it signs is accepted once; every claim, key and algorithm that is wrong is refused.
 */
class ClientAssertionsTest {

    private static final String ISSUER = "https://id.example";
    private static final String TOKEN_ENDPOINT = ISSUER + "/connect/token";
    static final RSAKey RSA = generate(() -> new RSAKeyGenerator(2048).keyID("rsa-1").generate());
    private static final ECKey EC = generate(() -> new ECKeyGenerator(Curve.P_256).generate());

    private final MutableClock clock = new MutableClock(Instant.now());
    private final ClientAssertions assertions = assertions(clock);

    /** ClientAssertions on {@code clock}, with an in-memory replay table. */
    static ClientAssertions assertions(MutableClock clock) {
        return assertions(clock, TestReferencedSecrets.of(Map.of()));
    }

    static ClientAssertions assertions(MutableClock clock, ReferencedSecrets referenced) {
        var assertions = new ClientAssertions();
        assertions.clock = clock;
        assertions.replays = TestReplayGuards.inMemory(clock);
        assertions.clientKeys = TestClientKeys.of(referenced);
        return assertions;
    }

    /** Whether {@code assertion}, a private_key_jwt (or, MAC'd, a client_secret_jwt), authenticates {@code client}. */
    private boolean verify(Client client, String assertion, String issuer) {
        return assertions.verify(client, CredentialsReader.read(null, form(Map.of("client_assertion_type",
                com.nimbusds.oauth2.sdk.auth.JWTAuthentication.CLIENT_ASSERTION_TYPE, "client_assertion", assertion)))
                .fold(credentials -> credentials, error -> new Credentials(client.clientId(), assertion, Credentials.PRIVATE_KEY_JWT)),
                issuer);
    }

    private interface KeySource<K> {
        K generate() throws JOSEException;
    }

    private static <K> K generate(KeySource<K> source) {
        try {
            return source.generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client whose ClientSecrets are {@code secrets} (JSON). */
    static Client client(String clientId, String secrets) {
        return Fixtures.validClient("{ \"ClientId\": \"" + clientId + "\", \"AllowedGrantTypes\": [ \"client_credentials\" ],"
                + " \"ClientSecrets\": [ " + secrets + " ] }");
    }

    private static final Client RSA_CLIENT = client("rsa.client", TestSecrets.jwk(RSA));
    private static final Client EC_CLIENT = client("ec.client", TestSecrets.jwk(EC));

    /** What a Nimbus client signs: iss = sub = client id, one aud, exp in 5 minutes (its default), a random jti. */
    private String nimbus(String clientId, String audience, JWSAlgorithm algorithm, JWK key) throws JOSEException {

        var id = new ClientID(clientId);
        var jwt = key instanceof RSAKey rsa ? new PrivateKeyJWT(id, java.net.URI.create(audience), algorithm, rsa.toRSAPrivateKey(), rsa.getKeyID(), null)
                : new PrivateKeyJWT(id, java.net.URI.create(audience), algorithm, ((ECKey) key).toECPrivateKey(), null, null);
        return jwt.getClientAssertion().serialize();
    }

    private String signed(JWK key, JWSAlgorithm algorithm, JWTClaimsSet claims) throws JOSEException {
        var jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).build(), claims);
        jwt.sign(key instanceof RSAKey rsa ? new RSASSASigner(rsa) : new ECDSASigner((ECKey) key));
        return jwt.serialize();
    }

    private JWTClaimsSet.Builder claims(String clientId) {
        return new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(ISSUER)
                .expirationTime(Date.from(clock.instant().plusSeconds(60))).jwtID(new JWTID().getValue());
    }

    @Test
    void anRsaOrEcAssertionForTheIssuerOrTheTokenEndpointIsAccepted() throws Exception {
        for (var algorithm : List.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256, JWSAlgorithm.RS512)) {
            assertTrue(verify(RSA_CLIENT, nimbus("rsa.client", ISSUER, algorithm, RSA), ISSUER), algorithm.getName());
        }
        assertTrue(verify(RSA_CLIENT, nimbus("rsa.client", TOKEN_ENDPOINT, JWSAlgorithm.RS256, RSA), ISSUER),
                "OIDC Core §9: the token endpoint's URL");
        assertTrue(verify(EC_CLIENT, nimbus("ec.client", ISSUER, JWSAlgorithm.ES256, EC), ISSUER));
    }

    @Test
    void aFapiClientsAssertionNamesTheIssuerAloneWithAFapiAlgorithm() throws Exception { // FAPI 2.0 §5.3.2.1, §5.4.1
        var fapi = Fixtures.validClient("{ \"ClientId\": \"bank\", \"FapiProfile\": \"Fapi2Security\","
                + " \"AllowedGrantTypes\": [ \"client_credentials\" ], \"ClientSecrets\": [ " + TestSecrets.jwk(RSA) + ", "
                + TestSecrets.jwk(EC) + " ] }");
        assertTrue(verify(fapi, nimbus("bank", ISSUER, JWSAlgorithm.PS256, RSA), ISSUER));
        assertTrue(verify(fapi, nimbus("bank", ISSUER, JWSAlgorithm.ES256, EC), ISSUER));
        assertFalse(verify(fapi, nimbus("bank", ISSUER, JWSAlgorithm.RS256, RSA), ISSUER), "RS256 is not FAPI's");
        assertFalse(verify(fapi, nimbus("bank", TOKEN_ENDPOINT, JWSAlgorithm.PS256, RSA), ISSUER), "the issuer alone");
    }

    @Test
    void anAssertionIsAcceptedOnce() throws Exception { // RFC 7523 §3: jti
        String assertion = nimbus("rsa.client", ISSUER, JWSAlgorithm.RS256, RSA);
        assertTrue(verify(RSA_CLIENT, assertion, ISSUER));
        assertFalse(verify(RSA_CLIENT, assertion, ISSUER), "replayed");
    }

    @Test
    void anAssertionForAnotherAudienceIsRefused() throws Exception {
        assertFalse(verify(RSA_CLIENT, nimbus("rsa.client", "https://other.example", JWSAlgorithm.RS256, RSA), ISSUER));
        assertFalse(verify(RSA_CLIENT, nimbus("rsa.client", ISSUER + "/connect/introspect", JWSAlgorithm.RS256, RSA),
                ISSUER), "another endpoint of ours: only the issuer and the token endpoint");
    }

    @Test
    void anAssertionSignedByAnotherKeyOrNamingAnotherClientIsRefused() throws Exception {
        var stranger = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        assertFalse(verify(RSA_CLIENT, nimbus("rsa.client", ISSUER, JWSAlgorithm.RS256, stranger), ISSUER), "same kid, other key");
        assertFalse(verify(EC_CLIENT, nimbus("rsa.client", ISSUER, JWSAlgorithm.RS256, RSA), ISSUER), "the EC client's key");
        assertFalse(verify(RSA_CLIENT, signed(RSA, JWSAlgorithm.RS256, claims("rsa.client").issuer("someone").build()),
                ISSUER), "iss other than the client");
        assertFalse(verify(RSA_CLIENT, signed(RSA, JWSAlgorithm.RS256, claims("rsa.client").subject("someone").build()),
                ISSUER), "sub other than the client");
    }

    @Test
    void anExpiredOrFarFutureOrJtiLessAssertionIsRefused() throws Exception {
        assertTrue(verify(RSA_CLIENT, signed(RSA, JWSAlgorithm.RS256, claims("rsa.client").build()), ISSUER));
        assertFalse(verify(RSA_CLIENT, signed(RSA, JWSAlgorithm.RS256, claims("rsa.client")
                .expirationTime(Date.from(clock.instant().minusSeconds(120))).build()), ISSUER), "expired");
        assertFalse(verify(RSA_CLIENT, signed(RSA, JWSAlgorithm.RS256, claims("rsa.client")
                .expirationTime(Date.from(clock.instant().plus(Duration.ofHours(1)))).build()), ISSUER), "exp an hour ahead");
        assertFalse(verify(RSA_CLIENT, signed(RSA, JWSAlgorithm.RS256, claims("rsa.client").jwtID(null).build()),
                ISSUER), "no jti (OIDC Core §9: REQUIRED)");
        assertFalse(verify(RSA_CLIENT, signed(RSA, JWSAlgorithm.RS256, claims("rsa.client").expirationTime(null).build()),
                ISSUER), "no exp");
    }

    @Test
    void anAssertionTypedAsAnotherKindOfJwtIsRefused() throws Exception { // RFC 8725 §3.11
        for (String typ : List.of("client-authentication+jwt", "application/client-authentication+jwt", "JWT")) {
            assertTrue(verify(RSA_CLIENT, typed(typ), ISSUER), typ);
        }
        for (String typ : List.of("dpop+jwt", "at+jwt", "logout+jwt")) {
            assertFalse(verify(RSA_CLIENT, typed(typ), ISSUER), typ);
        }
    }

    private String typed(String typ) throws JOSEException {
        return typed(typ, claims("rsa.client"));
    }

    private String typed(String typ, JWTClaimsSet.Builder claims) throws JOSEException {
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(RSA.getKeyID())
                .type(new com.nimbusds.jose.JOSEObjectType(typ)).build(), claims.build());
        jwt.sign(new RSASSASigner(RSA));
        return jwt.serialize();
    }

    /** RFC 7523bis: the issuer alone, as one value, for an assertion typed client-authentication+jwt. */
    @Test
    void anExplicitlyTypedAssertionMustNameTheIssuerAlone() throws Exception {
        assertFalse(verify(RSA_CLIENT, typed("client-authentication+jwt", claims("rsa.client").audience(TOKEN_ENDPOINT)),
                ISSUER), "the token endpoint");
        assertFalse(verify(RSA_CLIENT, typed("client-authentication+jwt", claims("rsa.client")
                .audience(List.of(ISSUER, "https://other.example"))), ISSUER), "a multi-valued audience");
        assertTrue(verify(RSA_CLIENT, typed("client-authentication+jwt", claims("rsa.client")
                .audience(List.of(ISSUER))), ISSUER), "an array of the issuer alone");
        assertTrue(verify(RSA_CLIENT, typed("JWT", claims("rsa.client").audience(TOKEN_ENDPOINT)), ISSUER),
                "not typed: the token endpoint is still taken");
    }

    @Test
    void withStrictAudienceValidationEveryAssertionMustNameTheIssuerAlone() throws Exception { // Duende's Preview option
        assertions.strictAudience = true;
        assertFalse(verify(RSA_CLIENT, nimbus("rsa.client", TOKEN_ENDPOINT, JWSAlgorithm.RS256, RSA), ISSUER));
        assertTrue(verify(RSA_CLIENT, nimbus("rsa.client", ISSUER, JWSAlgorithm.RS256, RSA), ISSUER));
    }

    @Test
    void anExpiredKeyVerifiesNothing() throws Exception {
        var client = client("rsa.client", TestSecrets.jwk(RSA, ", \"Expiration\": \"2020-01-01\""));
        assertFalse(verify(client, nimbus("rsa.client", ISSUER, JWSAlgorithm.RS256, RSA), ISSUER));
    }

    @Test
    void aCertificateSecretVerifiesAssertionsOfItsKey() throws Exception { // Duende's X509CertificateBase64
        String pem = resource("/keys/assertion-client.crt");
        String der = pem.replaceAll("-----[A-Z ]+-----|\\s", "");
        var client = client("cert.client", "{ \"Type\": \"X509CertificateBase64\", \"Value\": \"" + der + "\" }");
        var keyDer = Base64.getDecoder().decode(resource("/keys/assertion-client.key").replaceAll("-----[A-Z ]+-----|\\s", ""));
        var privateKey = (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(keyDer));
        String assertion = new PrivateKeyJWT(new ClientID("cert.client"), java.net.URI.create(ISSUER), JWSAlgorithm.RS256,
                privateKey, null, null).getClientAssertion().serialize();
        assertTrue(verify(client, assertion, ISSUER));
    }

    // --- reading the request (CredentialsReader) ---

    private static Form form(Map<String, String> parameters) {
        return new Form(parameters.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                e -> List.of(e.getValue()))));
    }

    @Test
    void theAssertionNamesTheClientAndExcludesEveryOtherMethod() throws Exception {
        String assertion = nimbus("rsa.client", ISSUER, JWSAlgorithm.RS256, RSA);
        var type = com.nimbusds.oauth2.sdk.auth.JWTAuthentication.CLIENT_ASSERTION_TYPE;
        var read = CredentialsReader.read(null, form(Map.of("client_assertion_type", type, "client_assertion", assertion)))
                .fold(c -> c, e -> null);
        assertEquals(new Credentials("rsa.client", assertion, Credentials.PRIVATE_KEY_JWT), read);

        assertEquals("invalid_request", error(null, Map.of("client_assertion_type", type, "client_assertion", assertion,
                "client_secret", "s")), "with a client secret");
        assertEquals("invalid_request", error("Basic " + Base64.getEncoder().encodeToString("a:b".getBytes(StandardCharsets.UTF_8)),
                Map.of("client_assertion_type", type, "client_assertion", assertion)), "with HTTP Basic");
        assertEquals("invalid_request", error(null, Map.of("client_assertion", assertion)), "without its type");
        assertEquals("invalid_client", error(null, Map.of("client_assertion_type", "urn:example:saml", "client_assertion",
                assertion)), "RFC 7521 §4.2: another assertion type");
        assertEquals("invalid_client", error(null, Map.of("client_assertion_type", type, "client_assertion", assertion,
                "client_id", "someone")), "client_id other than sub");
        assertEquals("invalid_client", error(null, Map.of("client_assertion_type", type, "client_assertion", "not.a.jwt")));
    }

    // --- client_secret_jwt: the MAC key is the secret a SharedSecretReference names ---

    private static final String SHARED = "a-secret-of-64-bytes-for-hs512-a-secret-of-64-bytes-for-hs512-ab";
    private static final Client MAC_CLIENT = client("mac.client",
            "{ \"Type\": \"SharedSecretReference\", \"Value\": \"${gatehouse.secrets.mac-client}\" }");
    private final ClientAssertions withSecrets = assertions(clock,
            TestReferencedSecrets.of(Map.of("gatehouse.secrets.mac-client", SHARED)));

    private static String macd(String clientId, JWSAlgorithm algorithm, String secret) throws JOSEException {
        return new ClientSecretJWT(new ClientID(clientId), java.net.URI.create(ISSUER), algorithm,
                new com.nimbusds.oauth2.sdk.auth.Secret(secret)).getClientAssertion().serialize();
    }

    private static Credentials read(String assertion) {
        return CredentialsReader.read(null, form(Map.of("client_assertion_type",
                com.nimbusds.oauth2.sdk.auth.JWTAuthentication.CLIENT_ASSERTION_TYPE, "client_assertion", assertion)))
                .fold(credentials -> credentials, error -> { throw new AssertionError(error.toString()); });
    }

    @Test
    void aMacdAssertionIsClientSecretJwt() throws Exception { // Nimbus's ClientSecretJWT as the client
        var credentials = read(macd("mac.client", JWSAlgorithm.HS256, SHARED));
        assertEquals(Credentials.CLIENT_SECRET_JWT, credentials.method());
        assertEquals("mac.client", credentials.id());
        for (var algorithm : ClientAssertions.MAC_ALGORITHMS) {
            assertTrue(withSecrets.verify(MAC_CLIENT, read(macd("mac.client", algorithm, SHARED)), ISSUER), algorithm.getName());
        }
    }

    @Test
    void aMacWithAnotherSecretOrReplayedIsRefused() throws Exception {
        assertFalse(withSecrets.verify(MAC_CLIENT, read(macd("mac.client", JWSAlgorithm.HS256, SHARED.replace('a', 'b'))), ISSUER));
        var once = read(macd("mac.client", JWSAlgorithm.HS256, SHARED));
        assertTrue(withSecrets.verify(MAC_CLIENT, once, ISSUER));
        assertFalse(withSecrets.verify(MAC_CLIENT, once, ISSUER), "replayed");
    }

    @Test
    void aMacNeverStandsForAPrivateKeyNorASignatureForTheSharedSecret() throws Exception {
        // A client with only public keys has no MAC key; a signed assertion does not count as client_secret_jwt.
        assertFalse(withSecrets.verify(RSA_CLIENT, read(macd("rsa.client", JWSAlgorithm.HS256, SHARED)), ISSUER));
        var signed = nimbus("mac.client", ISSUER, JWSAlgorithm.RS256, RSA);
        assertFalse(withSecrets.verify(MAC_CLIENT, new Credentials("mac.client", signed, Credentials.CLIENT_SECRET_JWT), ISSUER));
        assertFalse(withSecrets.verify(MAC_CLIENT, read(signed), ISSUER));
    }

    @Test
    void anUnsetReferenceVerifiesNothing() throws Exception {
        assertFalse(assertions.verify(MAC_CLIENT, read(macd("mac.client", JWSAlgorithm.HS256, SHARED)), ISSUER));
    }

    private static String error(String authorization, Map<String, String> parameters) {
        return CredentialsReader.read(authorization, form(parameters)).fold(c -> "none", e -> e.code());
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ClientAssertionsTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
