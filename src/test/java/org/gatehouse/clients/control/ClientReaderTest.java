package org.gatehouse.clients.control;

import static org.gatehouse.Fixtures.SECRET_HASH;
import static org.gatehouse.Fixtures.client;
import static org.gatehouse.Fixtures.m2m;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import org.gatehouse.clients.entity.ResponseEncryption;
import org.gatehouse.testing.TestSecrets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gatehouse.clients.entity.AccessTokenType;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.clients.entity.DPoPValidationMode;
import org.gatehouse.clients.entity.RefreshTokenExpiration;
import org.gatehouse.clients.entity.RefreshTokenUsage;
import org.gatehouse.appsettings.Problems;
import org.gatehouse.appsettings.RelaxedJson;
import org.gatehouse.appsettings.SettingsNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Duende's Client properties, defaults (shared/spec/client-reference.txt) and .NET binding rules. */
class ClientReaderTest {

    private final Problems problems = new Problems();

    /** Reads the client as element 0 of clients.json, so locations are {@code clients.json: [0] ("id").Field}. */
    private Client read(String json) {
        var list = SettingsNode.root(RelaxedJson.parse("[" + json + "]", "clients.json"), "clients.json", problems);
        return ClientReader.read(list.elements().get(0));
    }

    private Client valid(String json) {
        var client = read(json);
        assertEquals(List.of(), problems.errors());
        assertNotNull(client);
        return client;
    }

    private void assertSingleError(String json, String expected) {
        assertNull(read(json));
        assertEquals(1, problems.errors().size(), problems.errors()::toString);
        assertTrue(problems.errors().get(0).startsWith(expected), problems.errors()::toString);
    }

    @Test
    void everyOmittedPropertyTakesTheReferenceDefault() {
        var c = valid(m2m("m2m"));
        assertTrue(c.enabled());
        assertEquals("oidc", c.protocolType());
        assertTrue(c.requireClientSecret());
        assertFalse(c.allowOfflineAccess());
        assertEquals(List.of(), c.claims());
        assertEquals(Map.of(), c.properties());
        assertNull(c.clientName());

        var a = c.authorize();
        assertTrue(a.requirePkce());
        assertFalse(a.allowPlainTextPkce());
        assertFalse(a.requireRequestObject());
        assertFalse(a.allowAccessTokensViaBrowser());
        assertFalse(a.requireConsent());
        assertTrue(a.allowRememberConsent());
        assertNull(a.consentLifetime());
        assertTrue(a.enableLocalLogin());
        assertEquals(Set.of(), a.identityProviderRestrictions());
        assertNull(a.userSsoLifetime());
        assertEquals(Set.of(), a.redirectUris());
        assertEquals(Set.of(), a.allowedCorsOrigins());
        assertNull(a.initiateLoginUri());

        var l = c.logout();
        assertTrue(l.frontChannelLogoutSessionRequired());
        assertTrue(l.backChannelLogoutSessionRequired());
        assertNull(l.frontChannelLogoutUri());
        assertNull(l.backChannelLogoutUri());
        assertNull(l.coordinateLifetimeWithUserSession());

        var t = c.tokens();
        assertEquals(300, t.identityTokenLifetime());
        assertEquals(Set.of(), t.allowedIdentityTokenSigningAlgorithms());
        assertEquals(3600, t.accessTokenLifetime());
        assertEquals(300, t.authorizationCodeLifetime());
        assertEquals(2_592_000, t.absoluteRefreshTokenLifetime());
        assertEquals(1_296_000, t.slidingRefreshTokenLifetime());
        assertEquals(RefreshTokenUsage.ONE_TIME_ONLY, t.refreshTokenUsage());
        assertEquals(RefreshTokenExpiration.ABSOLUTE, t.refreshTokenExpiration());
        assertFalse(t.updateAccessTokenClaimsOnRefresh());
        assertEquals(AccessTokenType.JWT, t.accessTokenType());
        assertTrue(t.includeJwtId());
        assertFalse(t.alwaysSendClientClaims());
        assertFalse(t.alwaysIncludeUserClaimsInIdToken());
        assertEquals("client_", t.clientClaimsPrefix());
        assertNull(t.pairWiseSubjectSalt());

        var x = c.crossDevice();
        assertNull(x.pollingInterval());
        assertNull(x.userCodeType());
        assertEquals(300, x.deviceCodeLifetime());
        assertNull(x.cibaLifetime());

        assertFalse(c.dpop().requireDPoP());
        assertEquals(DPoPValidationMode.IAT, c.dpop().validationMode());
        assertEquals(Duration.ofMinutes(5), c.dpop().clockSkew());
    }

    @Test
    void sharedSecretValueIsTheBase64OfItsSha256() throws Exception {
        var secret = valid(m2m("m2m")).secrets().get(0);
        assertEquals("SharedSecret", secret.type());
        assertEquals(SECRET_HASH, secret.value());
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest("secret".getBytes(StandardCharsets.UTF_8)),
                secret.hash());
        assertNull(secret.expiration());
    }

    @Test
    void sha512SecretIsAccepted() throws Exception {
        String sha512 = Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-512").digest("secret".getBytes(StandardCharsets.UTF_8)));
        var client = valid("{ \"ClientId\": \"m2m\", \"ClientSecrets\": [ { \"Value\": \"" + sha512 + "\" } ],"
                + " \"AllowedGrantTypes\": [ \"client_credentials\" ] }");
        assertEquals(64, client.secrets().get(0).hash().length);
    }

    @Test
    void clientReferenceWebClientLoads() {
        var web = valid(client("web", "[ \"authorization_code\" ]",
                "\"RedirectUris\": [ \"https://myapp.com:/signin-oidc\" ]",
                "\"PostLogoutRedirectUris\": [ \"https://myapp.com/signout-callback-oidc\" ]",
                "\"BackChannelLogoutUri\": \"https://myapp.com/backchannel-logout\"",
                "\"AllowOfflineAccess\": true"));
        assertEquals(Set.of("authorization_code"), web.allowedGrantTypes());
        assertEquals(Set.of("https://myapp.com:/signin-oidc"), web.authorize().redirectUris());
        assertEquals(Set.of("https://myapp.com/signout-callback-oidc"), web.logout().postLogoutRedirectUris());
        assertEquals("https://myapp.com/backchannel-logout", web.logout().backChannelLogoutUri());
        assertTrue(web.allowOfflineAccess());
    }

    @Test
    void implicitOnlyClientNeedsNoSecret() {
        var spa = valid("{ \"ClientId\": \"spa\", \"AllowedGrantTypes\": [ \"implicit\" ],"
                + " \"RedirectUris\": [ \"https://spa.example/cb\" ] }");
        assertTrue(spa.requireClientSecret());
        assertEquals(List.of(), spa.secrets());
    }

    @Test
    void publicClientWithRequireClientSecretFalseNeedsNoSecret() {
        var cli = valid("{ \"ClientId\": \"cli\", \"RequireClientSecret\": false,"
                + " \"AllowedGrantTypes\": [ \"urn:ietf:params:oauth:grant-type:device_code\" ] }");
        assertFalse(cli.requireClientSecret());
    }

    @Test
    void keysMatchCaseInsensitively() {
        var c = valid("{ \"clientid\": \"m2m\", \"CLIENTSECRETS\": [ { \"value\": \"" + SECRET_HASH + "\" } ],"
                + " \"allowedGrantTypes\": [ \"client_credentials\" ], \"accesstokenlifetime\": 60,"
                + " \"ALLOWEDSCOPES\": [ \"api1\" ] }");
        assertEquals("m2m", c.clientId());
        assertEquals(1, c.secrets().size());
        assertEquals(60, c.tokens().accessTokenLifetime());
        assertEquals(Set.of("api1"), c.allowedScopes());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"Reference\" | REFERENCE",
            "\"reference\" | REFERENCE",
            "\"JWT\"       | JWT",
            "1             | REFERENCE",
            "0             | JWT",
            "\"1\"         | REFERENCE"})
    void accessTokenTypeBindsByNameCaseInsensitivelyOrByNumber(String json, AccessTokenType expected) {
        assertEquals(expected, valid(m2m("m2m", "\"AccessTokenType\": " + json)).tokens().accessTokenType());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"ReUse\"       | REUSE",
            "\"reuse\"       | REUSE",
            "0               | REUSE",
            "\"OneTime\"     | ONE_TIME_ONLY",
            "\"OneTimeOnly\" | ONE_TIME_ONLY",
            "\"onetimeonly\" | ONE_TIME_ONLY",
            "1               | ONE_TIME_ONLY"})
    void refreshTokenUsageBindsByNameCaseInsensitivelyOrByNumber(String json, RefreshTokenUsage expected) {
        assertEquals(expected, valid(m2m("m2m", "\"RefreshTokenUsage\": " + json)).tokens().refreshTokenUsage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"Sliding\"  | SLIDING",
            "0            | SLIDING",
            "\"ABSOLUTE\" | ABSOLUTE",
            "1            | ABSOLUTE"})
    void refreshTokenExpirationBindsByNameOrNumber(String json, RefreshTokenExpiration expected) {
        assertEquals(expected, valid(m2m("m2m", "\"RefreshTokenExpiration\": " + json)).tokens().refreshTokenExpiration());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"Iat\"        | IAT",
            "\"nonce\"      | NONCE",
            "2              | NONCE",
            "3              | IAT_AND_NONCE",
            "\"Iat, Nonce\" | IAT_AND_NONCE"})
    void dpopValidationModeBindsByNameOrNumber(String json, DPoPValidationMode expected) {
        assertEquals(expected, valid(m2m("m2m", "\"DPoPValidationMode\": " + json)).dpop().validationMode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"Nonce, Iat\"", "\"Iat,Nonce\""})
    void dpopValidationModeFlagsBindInAnyOrderAndSpacing(String json) {
        assertEquals(DPoPValidationMode.IAT_AND_NONCE,
                valid(m2m("m2m", "\"DPoPValidationMode\": " + json)).dpop().validationMode());
    }

    @Test
    void unknownEnumNameIsAnErrorNamingTheAllowedValues() {
        assertSingleError(m2m("m2m", "\"AccessTokenType\": \"Opaque\""),
                "clients.json: [0] (\"m2m\").AccessTokenType: must be one of Jwt, Reference, not \"Opaque\"");
    }

    @Test
    void undefinedEnumNumberIsAnError() {
        assertSingleError(m2m("m2m", "\"RefreshTokenUsage\": 2"),
                "clients.json: [0] (\"m2m\").RefreshTokenUsage: must be one of ReUse, OneTimeOnly, not \"2\"");
    }

    @Test
    void booleansAndNumbersBindFromStrings() {
        var c = valid(m2m("m2m", "\"Enabled\": \"False\"", "\"RequirePkce\": \"false\"", "\"AllowOfflineAccess\": \"true\"",
                "\"AccessTokenLifetime\": \"3600\"", "\"IdentityTokenLifetime\": \" 120 \"", "\"UserSsoLifetime\": \"60\""));
        assertFalse(c.enabled());
        assertFalse(c.authorize().requirePkce());
        assertTrue(c.allowOfflineAccess());
        assertEquals(3600, c.tokens().accessTokenLifetime());
        assertEquals(120, c.tokens().identityTokenLifetime());
        assertEquals(60, c.authorize().userSsoLifetime());
    }

    @Test
    void nullLeavesTheDefault() {
        var c = valid(m2m("m2m", "\"Enabled\": null", "\"RequirePkce\": null", "\"AccessTokenLifetime\": null",
                "\"AccessTokenType\": null", "\"RefreshTokenUsage\": null", "\"ClientClaimsPrefix\": null",
                "\"DPoPClockSkew\": null", "\"ConsentLifetime\": null", "\"RedirectUris\": null"));
        assertTrue(c.enabled());
        assertTrue(c.authorize().requirePkce());
        assertEquals(3600, c.tokens().accessTokenLifetime());
        assertEquals(AccessTokenType.JWT, c.tokens().accessTokenType());
        assertEquals(RefreshTokenUsage.ONE_TIME_ONLY, c.tokens().refreshTokenUsage());
        assertEquals("client_", c.tokens().clientClaimsPrefix());
        assertEquals(Duration.ofMinutes(5), c.dpop().clockSkew());
        assertNull(c.authorize().consentLifetime());
        assertEquals(Set.of(), c.authorize().redirectUris());
    }

    @Test
    void booleanFromOtherTextIsAnError() {
        assertSingleError(m2m("m2m", "\"RequirePkce\": \"yes\""),
                "clients.json: [0] (\"m2m\").RequirePkce: must be true or false, not \"yes\"");
    }

    @Test
    void fractionalLifetimeIsAnError() {
        assertSingleError(m2m("m2m", "\"AccessTokenLifetime\": 1.5"),
                "clients.json: [0] (\"m2m\").AccessTokenLifetime: must be a whole number, not 1.5");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"\"00:00:30\" | PT30S", "\"PT1M\" | PT1M", "\"1.00:00:00\" | PT24H"})
    void dpopClockSkewIsATimeSpanOrIsoDuration(String json, Duration expected) {
        assertEquals(expected, valid(m2m("m2m", "\"DPoPClockSkew\": " + json)).dpop().clockSkew());
    }

    @Test
    void refreshLifetimesMayBeZeroButNotNegativeAsInDuende() {
        var sliding = valid(m2m("m2m", "\"AbsoluteRefreshTokenLifetime\": 0", "\"RefreshTokenExpiration\": \"Sliding\""));
        assertEquals(0, sliding.tokens().absoluteRefreshTokenLifetime());
        assertEquals(0, valid(m2m("m2m", "\"SlidingRefreshTokenLifetime\": 0")).tokens().slidingRefreshTokenLifetime());
        assertSingleError(m2m("m2m", "\"AbsoluteRefreshTokenLifetime\": -1"),
                "clients.json: [0] (\"m2m\").AbsoluteRefreshTokenLifetime: must not be negative");
    }

    @Test
    void unknownPropertyOnlyWarns() {
        valid(m2m("m2m", "\"AccessTokenLifetme\": 60").replace(SECRET_HASH, STRONG_SECRET_HASH));
        assertEquals(List.of("clients.json: [0] (\"m2m\").AccessTokenLifetme: unknown property, ignored"),
                problems.warnings());
    }

    /** The hash of 32 random bytes' Base64 (openssl rand -base64 32). */
    private static final String STRONG_SECRET_HASH = "1EQyfE/o5z5EXTGT5OuoGv+2jHAXl0dfEL0LzSLQSMA=";

    @Test
    void aWellKnownGuessableSecretWarns() { // Gatehouse sees only hashes; it recognises the secrets tried first
        valid(m2m("m2m"));
        assertEquals(List.of("clients.json: [0] (\"m2m\").ClientSecrets[0].Value: is the hash of a well-known guessable"
                + " secret (the demo's \"secret\" is one): demo only; use at least 128 random bits, e.g. openssl rand -base64 32"),
                problems.warnings());
    }

    private static String mtlsClient(String type, String value) {
        return "{ \"ClientId\": \"mtls\", \"AllowedGrantTypes\": [ \"client_credentials\" ], \"ClientSecrets\": [ {"
                + " \"Type\": \"" + type + "\", \"Value\": \"" + value + "\" } ] }";
    }

    @Test
    void certificateSecretsAreADistinguishedNameOrASha1ThumbprintAsDuendesAre() {
        var byName = valid(mtlsClient("X509Name", "CN=client, OU=production, O=company")).secrets().get(0);
        assertEquals("CN=client, OU=production, O=company", byName.value());
        assertTrue(byName.namesCertificate());
        assertTrue(valid(mtlsClient("X509Thumbprint", " BCA0D040847F843C5EE0FA6EB494837470155868 ")).secrets().get(0)
                .namesCertificate());
        assertEquals(List.of(), problems.warnings());
    }

    @Test
    void aThumbprintSecretThatIsNoSha1IsAnError() {
        assertSingleError(mtlsClient("X509Thumbprint", "0123456789abcdef"), "clients.json: [0] (\"mtls\").ClientSecrets[0].Value: must be"
                + " the SHA-1 thumbprint of the certificate, 40 hexadecimal digits");
    }

    @Test
    void aNameSecretThatIsNoDistinguishedNameIsAnError() {
        assertSingleError(mtlsClient("X509Name", "not a name"), "clients.json: [0] (\"mtls\").ClientSecrets[0].Value: is not an X.500"
                + " distinguished name");
    }

    private static String jwkClient(String jwk) {
        return "{ \"ClientId\": \"jwt\", \"AllowedGrantTypes\": [ \"client_credentials\" ], \"ClientSecrets\": [ {"
                + " \"Type\": \"JsonWebKey\", \"Value\": \"" + jwk.replace("\"", "\\\"") + "\" } ] }";
    }

    @Test
    void aJwkSecretIsTheClientsRsaOrEcPublicKey() throws Exception {
        var key = new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_256).keyID("k1").generate();
        var secret = valid(jwkClient(key.toPublicJWK().toJSONString())).secrets().get(0);
        assertEquals("JWK", secret.type());
        assertEquals(key.toPublicJWK(), secret.key());
        assertEquals(List.of(), problems.warnings());

        var fromPrivate = valid(jwkClient(key.toJSONString())).secrets().get(0);
        assertFalse(fromPrivate.key().isPrivate(), "only the public half is kept");
        assertEquals(List.of("clients.json: [0] (\"jwt\").ClientSecrets[0].Value: holds a private key: only its public part"
                + " is used; the private key belongs with the client alone, remove it from this file"), problems.warnings());
    }

    @Test
    void aJwkSecretThatIsNoKeyIsAnError() {
        assertSingleError(jwkClient("{\"kty\":\"EC\"}"), "clients.json: [0] (\"jwt\").ClientSecrets[0].Value: is not a JSON Web Key"
                + " (RFC 7517): The cryptographic curve string must not be null or empty");
    }

    @Test
    void aSymmetricJwkSecretIsAnError() { // it could only verify client_secret_jwt, which a Duende file cannot configure
        assertSingleError(jwkClient("{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}"),
                "clients.json: [0] (\"jwt\").ClientSecrets[0].Value: is a oct key; private_key_jwt takes RSA and EC keys");
    }

    private static final String PUBLIC_WITH_REFRESH = "{ \"ClientId\": \"spa\", \"RequireClientSecret\": false,"
            + " \"AllowedGrantTypes\": [ \"authorization_code\" ], \"RedirectUris\": [ \"https://spa.example/cb\" ],"
            + " \"AllowOfflineAccess\": true, \"RefreshTokenUsage\": \"ReUse\" }";

    @Test
    void aPublicClientWhoseRefreshTokensAreReusedIsAnError() { // RFC 9700 §4.14.2
        assertSingleError(PUBLIC_WITH_REFRESH, "clients.json: [0] (\"spa\").RefreshTokenUsage: ReUse for a public client"
                + " (RequireClientSecret false) leaves its refresh tokens neither rotated nor sender-constrained (RFC 9700"
                + " §4.14.2): use OneTimeOnly");
    }

    @Test
    void aPublicClientMayHaveOneTimeRefreshTokensAndAConfidentialOneReusedOnes() {
        assertEquals(RefreshTokenUsage.ONE_TIME_ONLY, valid(PUBLIC_WITH_REFRESH.replace("\"ReUse\"", "\"OneTimeOnly\""))
                .tokens().refreshTokenUsage());
        assertEquals(RefreshTokenUsage.REUSE, valid(m2m("m2m", "\"RefreshTokenUsage\": \"ReUse\"", "\"AllowOfflineAccess\": true"))
                .tokens().refreshTokenUsage());
    }

    @Test
    void missingClientIdIsAnError() {
        assertSingleError("{ \"AllowedGrantTypes\": [ \"client_credentials\" ] }", "clients.json: [0].ClientId: is required");
    }

    @Test
    void missingAllowedGrantTypesIsAnError() {
        assertSingleError("{ \"ClientId\": \"x\", \"ClientSecrets\": [ { \"Value\": \"" + SECRET_HASH + "\" } ] }",
                "clients.json: [0] (\"x\").AllowedGrantTypes: is required");
    }

    @Test
    void scopeWithASpaceIsAnError() {
        assertSingleError(m2m("m2m").replace("\"api1\"", "\"api 1\""),
                "clients.json: [0] (\"m2m\").AllowedScopes[0]: \"api 1\" is not a valid scope name");
    }

    @Test
    void clientClaimThatWouldReplaceAReservedClaimIsAnError() {
        assertSingleError(m2m("m2m", "\"ClientClaimsPrefix\": \"\"", "\"Claims\": [ { \"Type\": \"sub\", \"Value\": \"x\" } ]"),
                "clients.json: [0] (\"m2m\").Claims[0].Type: \"sub\" is a claim Gatehouse sets itself");
    }

    @Test
    void clientClaimsAreReadWithTheDefaultPrefixAllowingReservedNames() {
        var c = valid(m2m("m2m", "\"Claims\": [ { \"Type\": \"sub\", \"Value\": \"x\" } ]"));
        assertEquals("sub", c.claims().get(0).type());
        assertEquals("http://www.w3.org/2001/XMLSchema#string", c.claims().get(0).valueType());
    }

    private static final String ENCRYPTION_KEY = encryptionKey();

    private static String encryptionKey() {
        try {
            var key = new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.ENCRYPTION).keyID("enc-1").generate();
            return TestSecrets.jwk(key);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sealed(String... fields) {
        return "{ \"ClientId\": \"sealed\", \"ClientSecrets\": [ { \"Value\": \"" + SECRET_HASH + "\" }, " + ENCRYPTION_KEY
                + " ], \"AllowedGrantTypes\": [ \"authorization_code\" ], \"RedirectUris\": [ \"https://sealed.example/cb\" ],"
                + " \"AllowedScopes\": [ \"openid\" ]" + (fields.length == 0 ? "" : ", " + String.join(", ", fields)) + " }";
    }

    @Test
    void jarmResponsesAreEncryptedToAnEncryptionKeyOfTheClients() { // JARM §3
        assertNull(valid(sealed()).authorize().responseEncryption(), "signed only unless asked");
        var encryption = valid(sealed("\"AuthorizationEncryptedResponseAlg\": \"ECDH-ES+A128KW\"")).authorize().responseEncryption();
        assertEquals(new ResponseEncryption(JWEAlgorithm.ECDH_ES_A128KW, EncryptionMethod.A128CBC_HS256), encryption,
                "A128CBC-HS256 by default");
        var client = valid(sealed("\"AuthorizationEncryptedResponseAlg\": \"ECDH-ES\"", "\"AuthorizationEncryptedResponseEnc\": \"A256GCM\""));
        assertEquals(EncryptionMethod.A256GCM, client.authorize().responseEncryption().method());
        assertFalse(client.secrets().get(1).isAssertionKey(), "an encryption key verifies nothing the client signs");
    }

    @Test
    void jarmEncryptionNeedsAnAlgorithmGatehouseOffers() {
        assertSingleError(sealed("\"AuthorizationEncryptedResponseAlg\": \"RSA1_5\""),
                "clients.json: [0] (\"sealed\").AuthorizationEncryptedResponseAlg: must be one of");
    }

    @Test
    void jarmEncryptionNeedsAnEncryptionKeyOfTheAlgorithmsType() {
        assertSingleError(sealed("\"AuthorizationEncryptedResponseAlg\": \"RSA-OAEP-256\""),
                "clients.json: [0] (\"sealed\").AuthorizationEncryptedResponseAlg: RSA-OAEP-256 needs a JWK secret of key type RSA");
    }

    @Test
    void aJarmContentEncryptionNeedsItsAlgorithm() {
        assertSingleError(sealed("\"AuthorizationEncryptedResponseEnc\": \"A256GCM\""),
                "clients.json: [0] (\"sealed\").AuthorizationEncryptedResponseEnc: needs AuthorizationEncryptedResponseAlg");
    }
}
