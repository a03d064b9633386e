package org.gatehouse.clients.control;

import static org.gatehouse.Fixtures.m2m;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.gatehouse.Fixtures;
import org.gatehouse.clients.entity.AuthenticatedClient;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.clients.entity.Credentials;
import org.gatehouse.configuration.entity.Features;
import org.gatehouse.protocol.control.FormParser;
import org.gatehouse.protocol.entity.Form;
import org.gatehouse.protocol.entity.OAuthError;
import org.gatehouse.protocol.entity.Outcome;
import org.gatehouse.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClientAuthenticatorTest {

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** decodeBasic of the Base64 of {@code credentials}. */
    private static Optional<String[]> basic(String credentials) {
        return CredentialsReader.decodeBasic(base64(credentials));
    }

    // --- decodeBasic: RFC 6749 §2.3.1 ---

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "client:secret         | client     | secret",
            "my+client:secret      | my client  | secret",
            "my%20client:secret    | my client  | secret",
            "client:se:cret        | client     | se:cret",
            "client:se%3Acret      | client     | se:cret",
            "client%3Aa:b          | client:a   | b",
            "client:a+b%2Bc%25     | client     | a b+c%",
            "J%C3%BCrgen:%E2%82%AC | Jürgen     | €"})
    void idAndSecretAreFormUrlDecodedAfterSplittingAtTheFirstColon(String credentials, String id, String secret) {
        assertArrayEquals(new String[] {id, secret}, basic(credentials).orElseThrow());
    }

    @Test
    void emptySecretCountsAsNone() {
        assertArrayEquals(new String[] {"client", null}, basic("client:").orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"not base64!", "Y2xpZW50O*", "Y2xp ZW50OnNlY3JldA=="})
    void malformedBase64IsRejected(String encoded) {
        assertTrue(CredentialsReader.decodeBasic(encoded).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"clientsecret", ":secret", ""})
    void missingColonOrEmptyUserIsRejected(String credentials) {
        assertTrue(basic(credentials).isEmpty());
    }

    /** As Duende (Uri.UnescapeDataString): text that is not valid percent-encoding is taken literally. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "cl%zzient:secret | cl%zzient | secret",
            "client:50%off    | client    | 50%off",
            "client:%         | client    | %",
            "client:%C3%28    | client    | %C3%28",
            "%:x              | %         | x"})
    void invalidPercentEncodingIsTakenLiterally(String credentials, String id, String secret) {
        assertArrayEquals(new String[] {id, secret}, basic(credentials).orElseThrow());
    }

    @Test
    void nonAsciiHexDigitsAreNotPercentEncoding() {
        assertArrayEquals(new String[] {"%\uFF14\uFF11", "secret"}, basic("%\uFF14\uFF11:secret").orElseThrow()); // fullwidth "41"
        assertArrayEquals(new String[] {"%\u0664\u0661", "secret"}, basic("%\u0664\u0661:secret").orElseThrow()); // Arabic-Indic
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"Bearer abc", "Basic", "Basicabc", "Digest username=x"})
    void onlyTheBasicSchemeIsBasic(String header) {
        assertFalse(CredentialsReader.isBasic(header));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic abc", "basic abc", "BASIC abc"})
    void basicSchemeIsCaseInsensitive(String header) {
        assertTrue(CredentialsReader.isBasic(header));
    }

    // --- authenticate, with a store of two clients ---

    private static final String CLEAR = "a shared secret of at least 32 bytes, in clear";
    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T00:00:00Z"));
    private String caller = "192.0.2.1";
    private final ClientAuthenticator authenticator = new ClientAuthenticator();
    {
        var confidential = Fixtures.validClient(m2m("client"));
        var expired = Fixtures.validClient(m2m("expired").replace("\" } ]", "\", \"Expiration\": \"2020-01-01\" } ]"));
        var pub = Fixtures.validClient("{ \"ClientId\": \"public\", \"RequireClientSecret\": false,"
                + " \"AllowedGrantTypes\": [ \"urn:ietf:params:oauth:grant-type:device_code\" ] }");
        var disabled = Fixtures.validClient(m2m("disabled", "\"Enabled\": false"));
        var signed = ClientAssertionsTest.client("signed", org.gatehouse.testing.TestSecrets.jwk(ClientAssertionsTest.RSA));
        var referencing = ClientAssertionsTest.client("referencing",
                "{ \"Type\": \"SharedSecretReference\", \"Value\": \"${gatehouse.secrets.clear}\" }");
        authenticator.clients = new ClientStore() {
            @Override
            public Optional<Client> find(String clientId) {
                return java.util.stream.Stream.of(confidential, expired, pub, disabled, signed, referencing)
                        .filter(c -> c.clientId().equals(clientId)).findFirst();
            }
        };
        authenticator.clock = clock;
        authenticator.callerAddress = () -> caller;
        authenticator.features = Features.ALL;
        authenticator.referenced = TestReferencedSecrets.of(java.util.Map.of("gatehouse.secrets.clear", CLEAR));
        authenticator.assertions = ClientAssertionsTest.assertions(clock, authenticator.referenced);
    }

    private static final String ISSUER = "https://id.example";


    private static Form form(String body) {
        return FormParser.parse("application/x-www-form-urlencoded", new ByteArrayInputStream(body.getBytes(StandardCharsets.US_ASCII)))
                .fold(f -> f, e -> fail(e.toString()));
    }

    private AuthenticatedClient success(String authorization, String body) {
        return authenticator.authenticate(Fixtures.channel(authorization, ISSUER), form(body)).fold(c -> c, e -> fail("expected success, got " + e));
    }

    private OAuthError error(String authorization, String body) {
        Outcome<AuthenticatedClient> outcome = authenticator.authenticate(Fixtures.channel(authorization, ISSUER), form(body));
        return outcome.fold(c -> fail("expected an error, got " + c), e -> e);
    }

    @Test
    void wrongSecretsAreThrottledPerClientAndAddressNotForTheClientEverywhere() { // RFC 6819 §5.1.4.2.3
        caller = "203.0.113.9";
        for (int i = 0; i < 10; i++) {
            assertEquals("invalid client credentials", error("Basic " + base64("client:guess" + i), "").description());
        }
        assertEquals("too many failed attempts: try again later", error("Basic " + base64("client:secret"), "").description(),
                "from the guessing address, even the right secret is refused unchecked");
        caller = "198.51.100.4";
        assertEquals("client", success("Basic " + base64("client:secret"), "").client().clientId(),
                "the client itself, from its own address, is not locked out");
        caller = "203.0.113.9";
        clock.advance(Duration.ofSeconds(1));
        assertEquals("client", success("Basic " + base64("client:secret"), "").client().clientId(), "after the delay");
    }

    @Test
    void basicWithTheQuickstartSecretAuthenticates() {
        var result = success("Basic " + base64("client:secret"), "grant_type=client_credentials");
        assertEquals("client", result.client().clientId());
        assertEquals(Credentials.CLIENT_SECRET_BASIC, result.method());
        assertTrue(result.isConfidential());
    }

    @Test
    void postedSecretAuthenticates() {
        assertEquals(Credentials.CLIENT_SECRET_POST,
                success(null, "client_id=client&client_secret=secret").method());
    }

    @Test
    void wrongSecretIsInvalidClient() {
        assertEquals("invalid_client", error("Basic " + base64("client:Secret"), "").code());
        assertEquals(401, error(null, "client_id=client&client_secret=wrong").status());
    }

    @Test
    void expiredSecretIsInvalidClient() {
        assertEquals("invalid_client", error(null, "client_id=expired&client_secret=secret").code());
    }

    @Test
    void disabledOrUnknownClientIsInvalidClient() {
        assertEquals("invalid_client", error(null, "client_id=disabled&client_secret=secret").code());
        assertEquals("invalid_client", error(null, "client_id=nobody&client_secret=secret").code());
    }

    @Test
    void confidentialClientWithoutSecretIsInvalidClient() {
        assertEquals("invalid_client", error(null, "client_id=client").code());
        assertEquals("invalid_client", error(null, "client_id=client&client_secret=").code());
    }

    @Test
    void publicClientAuthenticatesWithItsIdAlone() {
        var result = success(null, "client_id=public");
        assertEquals(Credentials.NONE, result.method());
        assertFalse(result.isConfidential());
    }

    @Test
    void noClientIdentificationIsInvalidClient() {
        assertEquals("invalid_client", error(null, "grant_type=client_credentials").code());
    }

    @Test
    void malformedBasicIsInvalidClient() {
        assertEquals("invalid_client", error("Basic !!!", "").code());
    }

    @Test
    void basicAndPostedSecretTogetherIsInvalidRequest() {
        assertEquals("invalid_request", error("Basic " + base64("client:secret"), "client_secret=secret").code());
    }

    @Test
    void clientIdDifferingFromTheBasicUserIsInvalidRequest() {
        assertEquals("invalid_request", error("Basic " + base64("client:secret"), "client_id=other").code());
        assertEquals("client", success("Basic " + base64("client:secret"), "client_id=client").client().clientId());
    }

    // --- private_key_jwt (RFC 7523 §2.2) ---

    private String assertionForm(String clientId) throws Exception {
        var claims = new com.nimbusds.oauth2.sdk.auth.JWTAuthenticationClaimsSet(new com.nimbusds.oauth2.sdk.id.ClientID(clientId),
                java.util.List.of(new com.nimbusds.oauth2.sdk.id.Audience(ISSUER)), java.util.Date.from(clock.instant().plusSeconds(60)),
                null, java.util.Date.from(clock.instant()), new com.nimbusds.oauth2.sdk.id.JWTID()); // on this test's clock
        String assertion = new com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT(claims, com.nimbusds.jose.JWSAlgorithm.RS256,
                ClientAssertionsTest.RSA.toRSAPrivateKey(), "rsa-1", null).getClientAssertion().serialize();
        return "client_assertion_type=" + java.net.URLEncoder.encode(com.nimbusds.oauth2.sdk.auth.JWTAuthentication.CLIENT_ASSERTION_TYPE,
                StandardCharsets.UTF_8) + "&client_assertion=" + assertion;
    }

    @Test
    void aClientAuthenticatesWithAnAssertionSignedByItsKey() throws Exception {
        var client = success(null, assertionForm("signed"));
        assertEquals("signed", client.client().clientId());
        assertEquals(Credentials.PRIVATE_KEY_JWT, client.method());
        assertTrue(client.isConfidential());
    }

    @Test
    void anAssertionOfAClientWithoutKeysIsInvalidClient() throws Exception {
        assertEquals("invalid_client", error(null, assertionForm("client")).code()); // its secret is a shared one
    }

    @Test
    void withPrivateKeyJwtSwitchedOffAnAssertionIsInvalidClient() throws Exception {
        authenticator.features = new Features(java.util.EnumSet.complementOf(java.util.EnumSet.of(
                org.gatehouse.configuration.entity.Feature.PRIVATE_KEY_JWT)));
        var error = error(null, assertionForm("signed"));
        assertEquals("invalid_client", error.code());
        assertEquals("private_key_jwt is switched off here", error.description());
    }

    // --- client_secret_jwt and the other shared-secret methods with a SharedSecretReference ---

    private String macForm(String clientId, String secret) throws Exception {
        var claims = new com.nimbusds.oauth2.sdk.auth.JWTAuthenticationClaimsSet(new com.nimbusds.oauth2.sdk.id.ClientID(clientId),
                java.util.List.of(new com.nimbusds.oauth2.sdk.id.Audience(ISSUER)), java.util.Date.from(clock.instant().plusSeconds(60)),
                null, java.util.Date.from(clock.instant()), new com.nimbusds.oauth2.sdk.id.JWTID());
        String assertion = com.nimbusds.oauth2.sdk.assertions.jwt.JWTAssertionFactory.create(claims,
                com.nimbusds.jose.JWSAlgorithm.HS256, new com.nimbusds.oauth2.sdk.auth.Secret(secret)).serialize();
        return "client_assertion_type=" + java.net.URLEncoder.encode(com.nimbusds.oauth2.sdk.auth.JWTAuthentication.CLIENT_ASSERTION_TYPE,
                StandardCharsets.UTF_8) + "&client_assertion=" + assertion;
    }

    @Test
    void aReferencedSecretAuthenticatesByMacBasicOrPost() throws Exception {
        var byMac = success(null, macForm("referencing", CLEAR));
        assertEquals(Credentials.CLIENT_SECRET_JWT, byMac.method());
        assertTrue(byMac.isConfidential());
        assertEquals(Credentials.CLIENT_SECRET_BASIC, success("Basic " + base64("referencing:" + CLEAR), "").method());
        assertEquals(Credentials.CLIENT_SECRET_POST, success(null, "client_id=referencing&client_secret="
                + java.net.URLEncoder.encode(CLEAR, StandardCharsets.UTF_8)).method());
        assertEquals("invalid_client", error(null, macForm("referencing", CLEAR.toUpperCase())).code());
        assertEquals("invalid_client", error("Basic " + base64("referencing:wrong"), "").code());
    }

    @Test
    void aMacdAssertionOfAClientWithOnlyHashedSecretsIsRefusedSayingWhy() throws Exception {
        var error = error(null, macForm("client", "secret".repeat(6)));
        assertEquals("invalid_client", error.code());
        assertEquals("client_secret_jwt needs a SharedSecretReference secret: hashed client secrets cannot verify a MAC;"
                + " use private_key_jwt or client_secret_basic", error.description());
    }

    @Test
    void withClientSecretJwtSwitchedOffAMacdAssertionIsInvalidClient() throws Exception {
        authenticator.features = new Features(java.util.EnumSet.complementOf(java.util.EnumSet.of(
                org.gatehouse.configuration.entity.Feature.CLIENT_SECRET_JWT)));
        assertEquals("client_secret_jwt is switched off here", error(null, macForm("referencing", CLEAR)).description());
    }
}
