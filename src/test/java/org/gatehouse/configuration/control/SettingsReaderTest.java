package org.gatehouse.configuration.control;

import static org.gatehouse.Fixtures.SECRET_HASH;
import static org.gatehouse.Fixtures.client;
import static org.gatehouse.Fixtures.m2m;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.gatehouse.appsettings.ConfigurationException;
import org.gatehouse.appsettings.Problems;
import org.gatehouse.configuration.entity.Configured;
import org.gatehouse.configuration.entity.GatehouseSettings;
import org.gatehouse.dpop.entity.DPoPOptions;
import org.gatehouse.mtls.entity.MutualTlsOptions;
import org.gatehouse.users.entity.PasswordHashing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SettingsReaderTest {

    private static final String QUICKSTART = """
            {
              "Logging": { "LogLevel": { "Default": "Information" } },
              "ConnectionStrings": { "DefaultConnection": "Data Source=app.db" },
              "AllowedHosts": "*",
              "IdentityServer": {
                "ApiScopes": [
                  { "Name": "api1", "DisplayName": "My API" }
                ],
                "Clients": [
                  {
                    "ClientId": "client",
                    // "secret".Sha256()
                    "ClientSecrets": [ { "Value": "K7gNU3sdo+OL0wNhqoVWhr3g6s1xYv72ol/pe/Unols=" } ],
                    "AllowedGrantTypes": [ "client_credentials" ], /* Duende's GrantTypes.ClientCredentials */
                    "AllowedScopes": [ "api1" ],
                  }
                ]
              }
            }
            """;

    @TempDir
    Path dir;

    private final Map<String, String> properties = new HashMap<>();
    {
        // Most tests are about other settings than the two production requires (productionRequires…).
        properties.put(SettingsReader.DEVELOPMENT, "true");
    }
    private String file;

    private GatehouseSettings read() {
        return new SettingsReader(name -> Optional.ofNullable(properties.get(name))).read();
    }

    private String failure() {
        return assertThrows(ConfigurationException.class, this::read).getMessage();
    }

    /** Writes the settings file and points gatehouse.settings-file at it. */
    private void settingsFile(String json) {
        try {
            file = Files.writeString(dir.resolve("appsettings.json"), json, StandardCharsets.UTF_8).toString();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        properties.put(SettingsReader.SETTINGS_FILE, file);
    }

    /** A settings file with ApiScope api1 and these clients. */
    private void clients(String... clients) {
        settingsFile("{ \"IdentityServer\": { \"ApiScopes\": [ { \"Name\": \"api1\" } ], \"Clients\": [ "
                + String.join(", ", clients) + " ] } }");
    }

    /** Where the settings file's client {@code index} reports a problem with {@code field}. */
    private String at(int index, String clientId, String field) {
        return file + ": IdentityServer.Clients[" + index + "] (\"" + clientId + "\")." + field + ": ";
    }

    private static void assertContains(String message, String... expected) {
        for (String part : expected) {
            assertTrue(message.contains(part), () -> "expected «" + part + "» in:\n" + message);
        }
    }

    /** The configuration warnings logged while {@code reading}. */
    private static List<String> warningsOf(Runnable reading) {
        var warnings = new ArrayList<String>();
        var logger = Logger.getLogger(Problems.class.getName());
        var handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                warnings.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try {
            reading.run();
        } finally {
            logger.removeHandler(handler);
        }
        return warnings;
    }

    private static <T> T only(List<Configured<T>> items) {
        assertEquals(1, items.size());
        return items.get(0).value();
    }

    // --- loading a Duende file ---

    @Test
    void duendeQuickstartFileLoadsWithCommentsTrailingCommaAndForeignSections() throws Exception {
        settingsFile(QUICKSTART);
        var settings = read();
        var client = only(settings.clients());
        assertEquals("client", client.clientId());
        assertEquals(Set.of("client_credentials"), client.allowedGrantTypes());
        assertEquals(Set.of("api1"), client.allowedScopes());
        assertEquals(SECRET_HASH, client.secrets().get(0).value());
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest("secret".getBytes(StandardCharsets.UTF_8)),
                client.secrets().get(0).hash());
        var scope = only(settings.apiScopes());
        assertEquals("api1", scope.name());
        assertEquals("My API", scope.displayName());
        assertEquals(file + ": IdentityServer.Clients[0]", settings.clients().get(0).source());
    }

    @Test
    void shippedDemoSettingsLoad() {
        properties.put(SettingsReader.SETTINGS_FILE, Path.of("server-config/demo/appsettings.json").toString());
        var settings = read();
        assertEquals(List.of("client", "sample"), settings.clients().stream().map(c -> c.value().clientId()).toList());
        assertEquals("demo-only-not-a-secret", settings.keyManagement().encryptionKey());
        assertEquals("alice", only(settings.users()).username());
    }

    @Test
    void withoutFileOrPropertiesTheDefaultsApply() {
        var settings = read();
        assertNull(settings.issuerUri());
        assertEquals("at+jwt", settings.accessTokenJwtType());
        assertEquals(List.of(), settings.clients());
        assertEquals(List.of(), settings.users());
        assertEquals(List.of("RS256"), settings.keyManagement().signingAlgorithms());
    }

    @Test
    void sectionAndPropertyNamesMatchCaseInsensitively() {
        settingsFile("{ \"identityserver\": { \"CLIENTS\": [ { \"clientid\": \"c\", \"clientsecrets\": [ { \"value\": \""
                + SECRET_HASH + "\" } ], \"allowedgranttypes\": [ \"client_credentials\" ] } ],"
                + " \"issueruri\": \"https://sso.example\" } }");
        var settings = read();
        assertEquals("c", only(settings.clients()).clientId());
        assertEquals("https://sso.example", settings.issuerUri());
    }

    /** RFC 8414 §2, OpenID Connect Discovery §3: the endpoints are found under the issuer, a URL. */
    @ParameterizedTest
    @ValueSource(strings = {"urn:sso.company.com", "https://sso.example/?tenant=1", "https://sso.example/#x", "/sso",
            "ftp://sso.example"})
    void anIssuerThatIsNotAnHttpUrlWithoutQueryOrFragmentIsAnError(String issuer) {
        properties.put(SettingsReader.ISSUER_URI, issuer);
        assertContains(failure(), "gatehouse.issuer-uri: \"" + issuer + "\" must be an http(s) URL without query or fragment");
    }

    @Test
    void productionRequiresAnIssuerSoThatNoHostHeaderChoosesIt() {
        properties.remove(SettingsReader.DEVELOPMENT);
        properties.put(SettingsReader.ENCRYPTION_KEY, "a-long-random-secret-0123456789");
        assertContains(failure(), "gatehouse.issuer-uri: not set: the issuer is taken from each request's Host header");
        properties.put(SettingsReader.ISSUER_URI, "https://sso.example");
        assertEquals("https://sso.example", read().issuerUri());
    }

    @Test
    void productionRequiresAnEncryptionKeySoThatNoBackupHoldsSigningKeys() {
        properties.remove(SettingsReader.DEVELOPMENT);
        properties.put(SettingsReader.ISSUER_URI, "https://sso.example");
        assertContains(failure(), "gatehouse.key-management.encryption-key: not set: signing keys are stored UNENCRYPTED");
        properties.put(SettingsReader.ENCRYPTION_KEY, "a-long-random-secret-0123456789");
        assertFalse(read().development());
    }

    @Test
    void theDevelopmentSwitchIsReadFromTheFileToo() {
        properties.remove(SettingsReader.DEVELOPMENT);
        settingsFile("{ \"Gatehouse\": { \"Development\": true } }");
        var settings = read();
        assertTrue(settings.development());
        assertNull(settings.issuerUri());
    }

    @Test
    void passwordsArePbkdf2HashedUnlessArgon2idIsChosen() {
        settingsFile("{ \"Gatehouse\": { } }");
        assertEquals(PasswordHashing.PBKDF2, read().passwordHashing());
        settingsFile("{ \"Gatehouse\": { \"PasswordHashing\": \"Argon2id\" } }");
        assertEquals(PasswordHashing.ARGON2ID, read().passwordHashing());
        properties.put(SettingsReader.PASSWORD_HASHING, "Pbkdf2");
        assertEquals(PasswordHashing.PBKDF2, read().passwordHashing(), "the property wins");
        properties.put(SettingsReader.PASSWORD_HASHING, "bcrypt");
        assertContains(failure(), SettingsReader.PASSWORD_HASHING + ": must be one of Pbkdf2, Argon2id, not \"bcrypt\"");
    }

    @Test
    void trustedProxiesAreAddressesOrCidrBlocksFromTheFileOrTheProperty() {
        settingsFile("{ \"Gatehouse\": { \"TrustedProxies\": [ \"10.0.0.0/8\", \"::1\" ] } }");
        assertEquals("[10.0.0.0/8, ::1]", read().trustedProxies().ranges().toString());
        properties.put(SettingsReader.TRUSTED_PROXIES, "192.0.2.1, 2001:db8::/32");
        assertEquals("[192.0.2.1, 2001:db8::/32]", read().trustedProxies().ranges().toString(), "the property wins");
    }

    @Test
    void noProxyIsTrustedByDefault() {
        assertTrue(read().trustedProxies().isEmpty());
    }

    @Test
    void aTrustedProxyThatIsNoAddressIsAnErrorAsHostNamesAreNeverResolved() {
        properties.put(SettingsReader.TRUSTED_PROXIES, "10.0.0.0/8, proxy.internal");
        assertContains(failure(), "gatehouse.trusted-proxies: \"proxy.internal\" is not an IP address or CIDR block");
    }

    // --- MicroProfile Config properties ---

    @Test
    void duendesDPoPOptionsAreReadWithTheirDefaults() {
        assertEquals(DPoPOptions.DEFAULTS, read().dpop());
        settingsFile("{ \"IdentityServer\": { \"DPoP\": { \"ProofTokenValidityDuration\": \"00:02:00\","
                + " \"ServerClockSkew\": \"00:00:10\", \"SupportedDPoPSigningAlgorithms\": [ \"ES256\", \"PS256\" ] } } }");
        assertEquals(new DPoPOptions(Duration.ofMinutes(2), Duration.ofSeconds(10), List.of("ES256", "PS256")), read().dpop());
        properties.put(SettingsReader.DPOP_ALGORITHMS, "RS256");
        assertEquals(List.of("RS256"), read().dpop().supportedSigningAlgorithms(), "the property overrides the file");
    }

    @Test
    void duendesMutualTlsOptionsAreReadAndThePropertiesOverrideThem() {
        assertEquals(MutualTlsOptions.DEFAULTS, read().mutualTls());
        settingsFile("{ \"IdentityServer\": { \"MutualTls\": { \"Enabled\": true, \"ClientCertificateAuthenticationScheme\":"
                + " \"Certificate\", \"DomainName\": \"mtls\", \"AlwaysEmitConfirmationClaim\": true } },"
                + " \"Gatehouse\": { \"MutualTls\": { \"CertificateHeader\": \"Client-Cert\" } } }");
        assertEquals(new MutualTlsOptions("mtls", true, "Client-Cert"), read().mutualTls());
        properties.put(SettingsReader.MTLS_DOMAIN_NAME, "mtls.example.com:8443");
        properties.put(SettingsReader.MTLS_ALWAYS_EMIT_CONFIRMATION, "false");
        properties.put(SettingsReader.MTLS_CERTIFICATE_HEADER, "X-SSL-Client-Cert");
        assertEquals(new MutualTlsOptions("mtls.example.com:8443", false, "X-SSL-Client-Cert"), read().mutualTls());
    }

    @Test
    void aMalformedDomainNameOrHeaderIsAStartUpErrorAndAHeaderNobodyMaySendWarns() {
        settingsFile("{ \"IdentityServer\": { \"MutualTls\": { \"Enabled\": true, \"DomainName\": \"https://mtls/\" } },"
                + " \"Gatehouse\": { \"MutualTls\": { \"CertificateHeader\": \"Client Cert\" } } }");
        assertContains(failure(), "IdentityServer.MutualTls.DomainName: must be a host name",
                "Gatehouse.MutualTls.CertificateHeader: must be an HTTP header name");
        settingsFile("{ \"IdentityServer\": { \"MutualTls\": { \"Enabled\": true } } }");
        properties.put(SettingsReader.MTLS_CERTIFICATE_HEADER, "Client-Cert");
        var problems = warningsOf(this::read);
        assertTrue(problems.stream().anyMatch(m -> m.contains("gatehouse.mtls.certificate-header: is ignored: a forwarded client"
                + " certificate is read only with mutual TLS on (gatehouse.features.mutual-tls.enabled) and only from"
                + " gatehouse.trusted-proxies")), problems::toString);
    }

    private static String referencing(String clientId, String value) {
        return "{ \"ClientId\": \"" + clientId + "\", \"AllowedGrantTypes\": [ \"client_credentials\" ], \"AllowedScopes\":"
                + " [ \"api1\" ], \"ClientSecrets\": [ { \"Type\": \"SharedSecretReference\", \"Value\": \"" + value + "\" } ] }";
    }

    @Test
    void aSharedSecretReferenceNamesAPropertyThatHoldsALongEnoughSecret() { // RFC 7518 §3.2
        clients(referencing("mac", "${gatehouse.secrets.mac}"));
        assertContains(failure(), file + ": IdentityServer.Clients[0]: client \"mac\" has a SharedSecretReference to"
                + " gatehouse.secrets.mac, which is not set");
        properties.put("gatehouse.secrets.mac", "short");
        var message = failure();
        assertContains(message, "client \"mac\": the secret in gatehouse.secrets.mac is shorter than 32 bytes");
        assertFalse(message.contains("short\""), "the secret itself is never logged");
        properties.put("gatehouse.secrets.mac", "x".repeat(32));
        assertEquals("gatehouse.secrets.mac", only(read().clients()).secrets().get(0).property());
    }

    @Test
    void aSecretInClearWhereAReferenceBelongsIsAStartUpErrorThatDoesNotRepeatIt() {
        clients(referencing("mac", "my-clear-secret-value"));
        var message = failure();
        assertContains(message, at(0, "mac", "ClientSecrets[0].Value") + "must name the MicroProfile Config property");
        assertFalse(message.contains("my-clear-secret-value"), message);
    }

    @Test
    void anUnsupportedDPoPAlgorithmOrAnOverlongValidityIsAStartUpError() {
        settingsFile("{ \"IdentityServer\": { \"DPoP\": { \"ProofTokenValidityDuration\": \"02:00:00\","
                + " \"SupportedDPoPSigningAlgorithms\": [ \"HS256\" ] } } }");
        var message = assertThrows(ConfigurationException.class, this::read).getMessage();
        assertTrue(message.contains("IdentityServer.DPoP.ProofTokenValidityDuration: must be between one second and one hour"), message);
        assertTrue(message.contains("unsupported DPoP proof algorithm \"HS256\""), message);
    }

    @Test
    void duendesStrictClientAssertionAudienceValidationIsRead() { // off unless asked for, as in Duende
        assertFalse(read().strictClientAssertionAudience());
        settingsFile("{ \"IdentityServer\": { \"Preview\": { \"StrictClientAssertionAudienceValidation\": true } } }");
        assertTrue(read().strictClientAssertionAudience());
        properties.put(SettingsReader.STRICT_CLIENT_ASSERTION_AUDIENCE, "false");
        assertFalse(read().strictClientAssertionAudience(), "the property overrides the file");
    }

    @Test
    void propertiesOverrideTheFilesOptions() {
        settingsFile("{ \"IdentityServer\": { \"IssuerUri\": \"https://file.example\", \"AccessTokenJwtType\": \"JWT\","
                + " \"EmitStaticAudienceClaim\": false } }");
        properties.put(SettingsReader.ISSUER_URI, "https://property.example");
        properties.put(SettingsReader.ACCESS_TOKEN_JWT_TYPE, "at+jwt");
        properties.put(SettingsReader.EMIT_STATIC_AUDIENCE, "true");
        var settings = read();
        assertEquals("https://property.example", settings.issuerUri());
        assertEquals("at+jwt", settings.accessTokenJwtType());
        assertTrue(settings.emitStaticAudienceClaim());
    }

    @Test
    void fileOptionsApplyWhenNoPropertyIsSet() {
        settingsFile("{ \"IdentityServer\": { \"IssuerUri\": \"https://file.example\", \"AccessTokenJwtType\": \"JWT\" } }");
        var settings = read();
        assertEquals("https://file.example", settings.issuerUri());
        assertEquals("JWT", settings.accessTokenJwtType());
    }

    @Test
    void propertiesAddToTheFilesLists() {
        settingsFile(QUICKSTART);
        properties.put(SettingsReader.CLIENTS, "[ " + m2m("other") + ", ]");
        properties.put(SettingsReader.API_SCOPES, "[ { \"Name\": \"api2\" } ]");
        properties.put(SettingsReader.API_RESOURCES, "[ { \"Name\": \"https://api.example\", \"Scopes\": [ \"api1\", \"api2\" ] } ]");
        properties.put(SettingsReader.IDENTITY_RESOURCES, "[ { \"Name\": \"openid\", \"UserClaims\": [ \"sub\" ] } ]");
        var settings = read();
        assertEquals(List.of("client", "other"), settings.clients().stream().map(c -> c.value().clientId()).toList());
        assertEquals("gatehouse.clients: [0]", settings.clients().get(1).source());
        assertEquals(List.of("api1", "api2"), settings.apiScopes().stream().map(s -> s.value().name()).toList());
        assertEquals(Set.of("api1", "api2"), only(settings.apiResources()).scopes());
        assertEquals(Set.of("sub"), only(settings.identityResources()).userClaims());
    }

    @Test
    void inlinePropertyWithBadJsonNamesTheProperty() {
        properties.put(SettingsReader.CLIENTS, "[ { \"ClientId\": \"x\" ");
        assertTrue(failure().startsWith("gatehouse.clients: not valid JSON"));
    }

    @Test
    void inlinePropertyThatIsNotAnArrayIsAnError() {
        properties.put(SettingsReader.API_SCOPES, "{ \"Name\": \"api1\" }");
        assertContains(failure(), "gatehouse.api-scopes: must be a JSON array");
    }

    @Test
    void problemInAnInlineClientNamesThePropertyClientAndField() {
        properties.put(SettingsReader.CLIENTS, "[ " + m2m("inline", "\"AccessTokenLifetime\": 0") + " ]");
        assertContains(failure(), "gatehouse.clients: [0] (\"inline\").AccessTokenLifetime: must be a positive number");
    }

    // --- errors stop loading and name source, client and field ---

    @Test
    void badJsonNamesTheFileAndLine() {
        settingsFile("{\n  \"IdentityServer\": {\n    \"Clients\": [ { \"ClientId\": \"c\" ]\n  }\n}");
        String message = failure();
        assertTrue(message.startsWith(file + ": not valid JSON at line 3"), message);
    }

    @Test
    void fileThatIsNotAnObjectIsAnError() {
        settingsFile("[]");
        assertContains(failure(), file + ": must be a JSON object");
    }

    @Test
    void missingSettingsFileIsAnErrorNamingPropertyAndPath() {
        String missing = dir.resolve("nope.json").toString();
        properties.put(SettingsReader.SETTINGS_FILE, missing);
        assertTrue(failure().startsWith("gatehouse.settings-file: cannot read the settings file \"" + missing + "\""));
    }

    @Test
    void directoryAsSettingsFileIsAnError() {
        properties.put(SettingsReader.SETTINGS_FILE, dir.toString());
        assertTrue(failure().startsWith("gatehouse.settings-file: cannot read the settings file \"" + dir + "\""));
    }

    static Stream<Arguments> invalidClients() {
        String code = "[ \"authorization_code\" ]";
        String redirect = "\"RedirectUris\": [ \"https://app.example/cb\" ]";
        return Stream.of(
                Arguments.of(client("web", "[ \"authorization_code\", \"magic\" ]", redirect),
                        "AllowedGrantTypes[1]", "unknown grant type \"magic\""),
                Arguments.of(client("ro", "[ \"password\" ]"),
                        "AllowedGrantTypes[0]", "the resource owner password grant is not supported"),
                Arguments.of(m2m("m2m").replace("\"client_credentials\"", "\"client_credentials\", \"refresh_token\""),
                        "AllowedGrantTypes[1]", "refresh_token is not listed as a grant type"),
                Arguments.of(client("web", "[ \"implicit\", \"authorization_code\" ]", redirect),
                        "AllowedGrantTypes", "cannot combine \"implicit\" with \"authorization_code\""),
                Arguments.of(client("web", "[ \"implicit\", \"hybrid\" ]", redirect),
                        "AllowedGrantTypes", "cannot combine \"implicit\" with \"hybrid\""),
                Arguments.of(client("web", "[ \"authorization_code\", \"hybrid\" ]", redirect),
                        "AllowedGrantTypes", "cannot combine \"authorization_code\" with \"hybrid\""),
                Arguments.of(client("web", "[ \"client_credentials\", \"client_credentials\" ]"),
                        "AllowedGrantTypes[1]", "grant type \"client_credentials\" is listed twice"),
                Arguments.of(client("web", "[]"), "AllowedGrantTypes", "must list at least one grant type"),
                Arguments.of(client("web", code), "RedirectUris", "is empty, but the grant types"),
                Arguments.of(client("web", code, "\"RedirectUris\": [ \"https://app.example/ok\", \"https://app.example/cb#frag\" ]"),
                        "RedirectUris[1]", "\"https://app.example/cb#frag\" must not contain a fragment"),
                Arguments.of(client("web", code, "\"RedirectUris\": [ \"https://app.example/ok\", \"/signin-oidc\" ]"),
                        "RedirectUris[1]", "\"/signin-oidc\" must be an absolute URI"),
                Arguments.of(client("web", code, "\"RedirectUris\": [ \"https://app.example/ok\", \"https://app.example/a b\" ]"),
                        "RedirectUris[1]", "\"https://app.example/a b\" is not a valid URI"),
                Arguments.of("{ \"ClientId\": \"m2m\", \"AllowedGrantTypes\": [ \"client_credentials\" ] }",
                        "ClientSecrets", "is empty although RequireClientSecret is true"),
                Arguments.of("{ \"ClientId\": \"m2m\", \"ClientSecrets\": [ { \"Value\": \"secret\" } ],"
                        + " \"AllowedGrantTypes\": [ \"client_credentials\" ] }",
                        "ClientSecrets[0].Value", "must be the Base64 of the SHA-256 (or SHA-512) of the secret"),
                Arguments.of(m2m("m2m").replace(SECRET_HASH, "AAECAwQFBgcICQoLDA0ODw=="), // 16 bytes
                        "ClientSecrets[0].Value", "must be the Base64 of the SHA-256"),
                Arguments.of(m2m("m2m").replace(SECRET_HASH, "not base64!"),
                        "ClientSecrets[0].Value", "must be the Base64 of the SHA-256"),
                Arguments.of(m2m("m2m").replace("{ \"Value\"", "{ \"Type\": \"Password\", \"Value\""),
                        "ClientSecrets[0].Type", "unknown secret type \"Password\""),
                Arguments.of(m2m("m2m", "\"AccessTokenLifetime\": 0"),
                        "AccessTokenLifetime", "must be a positive number of seconds, not 0"),
                Arguments.of(m2m("m2m", "\"IdentityTokenLifetime\": -1"),
                        "IdentityTokenLifetime", "must be a positive number of seconds, not -1"),
                Arguments.of(m2m("m2m", "\"AuthorizationCodeLifetime\": \"0\""),
                        "AuthorizationCodeLifetime", "must be a positive number of seconds, not 0"),
                Arguments.of(m2m("m2m", "\"SlidingRefreshTokenLifetime\": -1"),
                        "SlidingRefreshTokenLifetime", "must not be negative"),
                Arguments.of(m2m("m2m", "\"AbsoluteRefreshTokenLifetime\": -5"),
                        "AbsoluteRefreshTokenLifetime", "must not be negative"),
                Arguments.of(client("device", "[ \"urn:ietf:params:oauth:grant-type:device_code\" ]", "\"DeviceCodeLifetime\": 0"),
                        "DeviceCodeLifetime", "must be a positive number of seconds, not 0"),
                Arguments.of(client("web", "[ \"authorization_code\" ]", "\"RedirectUris\": [ \"javascript:alert(1)\" ]"),
                        "RedirectUris[0]", "\"javascript:alert(1)\" uses the scheme javascript:, which never receives a redirect"),
                Arguments.of(m2m("m2m", "\"ConsentLifetime\": 0"),
                        "ConsentLifetime", "must be a positive number of seconds, or null"),
                Arguments.of(m2m("m2m", "\"AccessTokenLifetime\": \"an hour\""),
                        "AccessTokenLifetime", "must be a whole number, not \"an hour\""),
                Arguments.of(m2m("m2m", "\"AllowedCorsOrigins\": [ \"https://spa.example/\" ]"),
                        "AllowedCorsOrigins[0]", "\"https://spa.example/\" is not an origin"),
                Arguments.of(m2m("m2m", "\"ProtocolType\": \"saml2p\""),
                        "ProtocolType", "only \"oidc\" is supported"));
    }

    @ParameterizedTest
    @MethodSource("invalidClients")
    void invalidClientStopsLoadingWithSourceClientAndField(String clientJson, String field, String problem) {
        clients(clientJson);
        String clientId = clientJson.replaceAll("(?s).*\"ClientId\": \"([^\"]+)\".*", "$1");
        String message = failure();
        assertTrue(message.startsWith("Invalid Gatehouse configuration (1 problem):"), message);
        assertContains(message, at(0, clientId, field) + problem);
    }

    @Test
    void duplicateClientIdInTheFileIsAnError() {
        clients(m2m("a"), m2m("b"), m2m("a"));
        assertContains(failure(), file + ": IdentityServer.Clients[2] (\"a\"): ClientId \"a\" is already defined at "
                + file + ": IdentityServer.Clients[0]");
    }

    @Test
    void duplicateClientIdDifferingOnlyInCaseIsAnError() {
        clients(m2m("App"), m2m("app"));
        assertContains(failure(), file + ": IdentityServer.Clients[1] (\"app\"): ClientId \"app\" is already defined at "
                + file + ": IdentityServer.Clients[0]");
    }

    @Test
    void duplicateClientIdAcrossFileAndPropertyIsAnError() {
        clients(m2m("client"));
        properties.put(SettingsReader.CLIENTS, "[ " + m2m("CLIENT") + " ]");
        assertContains(failure(), "gatehouse.clients: [0] (\"CLIENT\"): ClientId \"CLIENT\" is already defined at "
                + file + ": IdentityServer.Clients[0]");
    }

    // --- users ---

    /** A settings file with these users. */
    private void users(String... users) {
        settingsFile("{ \"Gatehouse\": { \"Users\": [ " + String.join(", ", users) + " ] } }");
    }

    private static String user(String subjectId, String username) {
        return "{ \"SubjectId\": \"" + subjectId + "\", \"Username\": \"" + username + "\", \"Password\": \"pw\" }";
    }

    @Test
    void usersOfTheIntegrationTestsLoad() {
        properties.put(SettingsReader.SETTINGS_FILE, Path.of("src/test/resources/it/appsettings.json").toString());
        var users = read().users();
        assertEquals(List.of("alice", "bob"), users.stream().map(u -> u.value().username()).toList());
        assertEquals("src/test/resources/it/appsettings.json: Gatehouse.Users[1]", users.get(1).source());
    }

    @Test
    void usersPropertyAddsToTheFilesUsers() {
        users(user("1", "alice"));
        properties.put(SettingsReader.USERS, "[ " + user("2", "bob") + ", ]");
        var users = read().users();
        assertEquals(List.of("1", "2"), users.stream().map(u -> u.value().subjectId()).toList());
        assertEquals("gatehouse.users: [0]", users.get(1).source());
    }

    @Test
    void duplicateSubjectIdDifferingOnlyInCaseIsAnError() {
        users(user("a1", "alice"), user("A1", "bob"));
        assertContains(failure(), file + ": Gatehouse.Users[1] (\"A1\"): SubjectId \"A1\" is already defined at "
                + file + ": Gatehouse.Users[0]");
    }

    @Test
    void duplicateUsernameAcrossFileAndPropertyIsAnErrorWhateverItsCase() {
        users(user("1", "alice"));
        properties.put(SettingsReader.USERS, "[ " + user("2", "ALICE") + " ]");
        assertContains(failure(), "gatehouse.users: [0] (\"2\").Username: \"ALICE\" is already the username of "
                + file + ": Gatehouse.Users[0] (usernames are compared case-insensitively)");
    }

    @Test
    void invalidInlineUserNamesThePropertyUserAndField() {
        properties.put(SettingsReader.USERS, "[ { \"SubjectId\": \"7\", \"Password\": \"pw\" } ]");
        assertContains(failure(), "gatehouse.users: [0] (\"7\").Username: is required");
    }

    @Test
    void failureMessagesNeverShowAPassword() {
        users(user("1", "alice"), "{ \"SubjectId\": \"1\", \"Username\": \"x\", \"Password\": \"hunter2\" }");
        assertFalse(failure().contains("hunter2"));
    }

    @Test
    void duplicateApiScopeNameIsAnError() {
        settingsFile("{ \"IdentityServer\": { \"ApiScopes\": [ { \"Name\": \"api1\" }, { \"Name\": \"api1\" } ] } }");
        assertContains(failure(), file + ": IdentityServer.ApiScopes[1] (\"api1\"): ApiScope \"api1\" is already defined");
    }

    @Test
    void identityResourceAndApiScopeWithTheSameNameIsAnError() {
        settingsFile("""
                { "IdentityServer": {
                    "IdentityResources": [ { "Name": "profile", "UserClaims": [ "name" ] } ],
                    "ApiScopes": [ { "Name": "profile" } ] } }
                """);
        assertContains(failure(), file + ": IdentityServer.ApiScopes[0]: the name \"profile\" is also an identity resource ("
                + file + ": IdentityServer.IdentityResources[0])");
    }

    @Test
    void identityResourceWithoutUserClaimsIsAnError() {
        settingsFile("{ \"IdentityServer\": { \"IdentityResources\": [ { \"Name\": \"openid\" } ] } }");
        assertContains(failure(), file + ": IdentityServer.IdentityResources[0] (\"openid\").UserClaims: must name at least one claim");
    }

    @Test
    void severalProblemsAreAllReportedInOneException() {
        settingsFile("{ \"IdentityServer\": {"
                + " \"KeyManagement\": { \"SigningAlgorithms\": [ { \"Name\": \"HS256\" } ] },"
                + " \"Clients\": [ " + m2m("a", "\"AccessTokenLifetime\": 0", "\"RequirePkce\": \"maybe\"") + ", "
                + client("b", "[ \"password\" ]") + " ] } }");
        String message = failure();
        assertTrue(message.startsWith("Invalid Gatehouse configuration (4 problems):"), message);
        assertContains(message,
                file + ": IdentityServer.KeyManagement.SigningAlgorithms[0]: unsupported signing algorithm \"HS256\"",
                at(0, "a", "AccessTokenLifetime") + "must be a positive number",
                at(0, "a", "RequirePkce") + "must be true or false",
                at(1, "b", "AllowedGrantTypes[0]") + "the resource owner password grant is not supported");
    }

    @Test
    void clientAllowedAnUndefinedScopeOnlyWarns() {
        clients(m2m("m2m").replace("[ \"api1\" ]", "[ \"api1\", \"api9\" ]"));
        var warnings = warningsOf(() -> assertEquals(Set.of("api1", "api9"), only(read().clients()).allowedScopes()));
        assertTrue(warnings.stream().anyMatch(w -> w.contains(file + ": IdentityServer.Clients[0]: client \"m2m\" is"
                + " allowed scope \"api9\", which no IdentityResource or ApiScope defines")), warnings::toString);
    }

    @Test
    void apiResourceRestrictedToAnUnconfiguredAlgorithmIsAnError() {
        settingsFile("{ \"IdentityServer\": { \"ApiResources\": [ { \"Name\": \"urn:api\","
                + " \"AllowedAccessTokenSigningAlgorithms\": [ \"ES256\" ] } ] } }");
        assertContains(failure(), file + ": IdentityServer.ApiResources[0]: AllowedAccessTokenSigningAlgorithms [ES256]"
                + " has none of the configured signing algorithms [RS256]");
    }

    // --- key management ---

    @Test
    void keyManagementDefaultsAreDuendes() {
        var keys = read().keyManagement();
        assertEquals(List.of("RS256"), keys.signingAlgorithms());
        assertEquals("RS256", keys.signingAlgorithms().get(0));
        assertEquals(Duration.ofDays(90), keys.rotationInterval());
        assertEquals(Duration.ofDays(14), keys.propagationTime());
        assertEquals(Duration.ofDays(14), keys.retentionDuration());
        assertNull(keys.encryptionKey());
    }

    @Test
    void keyManagementDurationsReadTimeSpans() {
        settingsFile("{ \"IdentityServer\": { \"KeyManagement\": { \"RotationInterval\": \"90.00:00:00\","
                + " \"PropagationTime\": \"2.12:00:00\", \"RetentionDuration\": \"00:05:00\" } } }");
        var keys = read().keyManagement();
        assertEquals(Duration.ofDays(90), keys.rotationInterval());
        assertEquals(Duration.ofHours(60), keys.propagationTime());
        assertEquals(Duration.ofMinutes(5), keys.retentionDuration());
    }

    @Test
    void keyManagementDurationsReadIso8601() {
        settingsFile("{ \"IdentityServer\": { \"KeyManagement\": { \"RotationInterval\": \"P30D\","
                + " \"PropagationTime\": \"PT48H\", \"RetentionDuration\": \"P1DT12H\" } } }");
        var keys = read().keyManagement();
        assertEquals(Duration.ofDays(30), keys.rotationInterval());
        assertEquals(Duration.ofDays(2), keys.propagationTime());
        assertEquals(Duration.ofHours(36), keys.retentionDuration());
    }

    @Test
    void keyManagementPropertiesOverrideTheFile() {
        settingsFile("{ \"IdentityServer\": { \"KeyManagement\": { \"RotationInterval\": \"P30D\","
                + " \"SigningAlgorithms\": [ { \"Name\": \"PS256\" } ] } },"
                + " \"Gatehouse\": { \"KeyManagement\": { \"EncryptionKey\": \"from-file\" } } }");
        properties.put(SettingsReader.ROTATION_INTERVAL, "60.00:00:00");
        properties.put(SettingsReader.PROPAGATION_TIME, "P7D");
        properties.put(SettingsReader.RETENTION_DURATION, "P3D");
        properties.put(SettingsReader.SIGNING_ALGORITHMS, "RS256, ES256");
        properties.put(SettingsReader.ENCRYPTION_KEY, "from-property");
        var keys = read().keyManagement();
        assertEquals(Duration.ofDays(60), keys.rotationInterval());
        assertEquals(Duration.ofDays(7), keys.propagationTime());
        assertEquals(Duration.ofDays(3), keys.retentionDuration());
        assertEquals(List.of("RS256", "ES256"), keys.signingAlgorithms());
        assertEquals("from-property", keys.encryptionKey());
    }

    @Test
    void previousEncryptionKeysAreReadAndNeedACurrentOne() {
        settingsFile("{ \"Gatehouse\": { \"KeyManagement\": { \"EncryptionKey\": \"new-key-0123456789\","
                + " \"PreviousEncryptionKeys\": [ \"old-key-0123456789\" ] } } }");
        assertEquals(List.of("old-key-0123456789"), read().keyManagement().previousEncryptionKeys());
        properties.put(SettingsReader.PREVIOUS_ENCRYPTION_KEYS, "older-0123456789, old-0123456789");
        assertEquals(List.of("older-0123456789", "old-0123456789"), read().keyManagement().previousEncryptionKeys());
        settingsFile("{ \"Gatehouse\": { \"KeyManagement\": { \"PreviousEncryptionKeys\": [ \"old-key-0123456789\" ] } } }");
        properties.remove(SettingsReader.PREVIOUS_ENCRYPTION_KEYS);
        assertContains(failure(), "Gatehouse.KeyManagement.PreviousEncryptionKeys: previous encryption keys need a current one");
    }

    @Test
    void duendeSigningAlgorithmsListIsRead() {
        settingsFile("{ \"IdentityServer\": { \"KeyManagement\": { \"SigningAlgorithms\": ["
                + " { \"Name\": \"ES256\" }, { \"Name\": \"RS256\", \"UseX509Certificate\": false } ] } },"
                + " \"Gatehouse\": { \"KeyManagement\": { \"EncryptionKey\": \"k\" } } }");
        var keys = read().keyManagement();
        assertEquals(List.of("ES256", "RS256"), keys.signingAlgorithms());
        assertEquals("ES256", keys.signingAlgorithms().get(0));
        assertEquals("k", keys.encryptionKey());
    }

    @Test
    void unsupportedSigningAlgorithmInPropertyIsAnError() {
        properties.put(SettingsReader.SIGNING_ALGORITHMS, "RS256,HS256");
        assertContains(failure(), "gatehouse.key-management.signing-algorithms: unsupported signing algorithm \"HS256\"");
    }

    @Test
    void x509SigningKeysAreRefused() {
        settingsFile("{ \"IdentityServer\": { \"KeyManagement\": { \"SigningAlgorithms\": ["
                + " { \"Name\": \"RS256\", \"UseX509Certificate\": true } ] } } }");
        assertContains(failure(), file + ": IdentityServer.KeyManagement.SigningAlgorithms[0].UseX509Certificate: X.509");
    }

    @Test
    void disabledKeyManagementIsRefused() {
        settingsFile("{ \"IdentityServer\": { \"KeyManagement\": { \"Enabled\": false } } }");
        assertContains(failure(), file + ": IdentityServer.KeyManagement.Enabled: static signing keys are not supported");
    }

    @Test
    void malformedDurationIsAnError() {
        settingsFile("{ \"IdentityServer\": { \"KeyManagement\": { \"RotationInterval\": \"ninety days\" } } }");
        assertContains(failure(), file + ": IdentityServer.KeyManagement.RotationInterval: must be a duration");
    }

    @Test
    void propagationNotShorterThanRotationIsAnError() {
        settingsFile("{ \"IdentityServer\": { \"KeyManagement\": { \"RotationInterval\": \"P10D\","
                + " \"PropagationTime\": \"P10D\" } } }");
        assertContains(failure(), file + ": IdentityServer.KeyManagement.PropagationTime: must be at least zero and"
                + " shorter than RotationInterval");
    }

    @Test
    void negativeRetentionIsAnError() {
        settingsFile("{ \"IdentityServer\": { \"KeyManagement\": { \"RetentionDuration\": \"-1.00:00:00\" } } }");
        assertContains(failure(), file + ": IdentityServer.KeyManagement.RetentionDuration: must not be negative");
    }

    @ParameterizedTest
    @ValueSource(strings = {SettingsReader.ROTATION_INTERVAL, SettingsReader.PROPAGATION_TIME,
            SettingsReader.RETENTION_DURATION})
    void keyManagementRangeErrorFromAPropertyNamesTheProperty(String property) {
        properties.put(property, property.equals(SettingsReader.PROPAGATION_TIME) ? "P90D"
                : property.equals(SettingsReader.ROTATION_INTERVAL) ? "00:00:00" : "-P1D");
        assertContains(failure(), property + ": ");
    }
}
