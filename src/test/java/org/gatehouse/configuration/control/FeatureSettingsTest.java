package org.gatehouse.configuration.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.gatehouse.appsettings.ConfigurationException;
import org.gatehouse.configuration.entity.Feature;
import org.gatehouse.configuration.entity.Features;
import org.gatehouse.protocol.entity.Endpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The feature switches: MicroProfile Config, the Gatehouse section, Duende's EndpointsOptions, and what they imply. */
class FeatureSettingsTest {

    @TempDir
    Path dir;

    private final Map<String, String> properties = new HashMap<>(Map.of(SettingsReader.DEVELOPMENT, "true"));

    private Features read() {
        return new SettingsReader(name -> Optional.ofNullable(properties.get(name))).read().features();
    }

    private void settingsFile(String json) {
        try {
            properties.put(SettingsReader.SETTINGS_FILE,
                    Files.writeString(dir.resolve("appsettings.json"), json, StandardCharsets.UTF_8).toString());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void everyFeatureButMutualTlsAndRequestObjectsByReferenceIsOnByDefaultAsInDuende() {
        assertEquals(EnumSet.complementOf(OFF_BY_DEFAULT), read().enabled());
    }

    @Test
    void duendesMutualTlsEnabledSwitchesMutualTlsOnAndThePropertyOverridesIt() {
        settingsFile("{ \"IdentityServer\": { \"MutualTls\": { \"Enabled\": true, \"DomainName\": \"mtls\" } } }");
        assertEquals(EnumSet.complementOf(EnumSet.of(Feature.JWT_REQUEST_URI)), read().enabled());
        properties.put("gatehouse.features.mutual-tls.enabled", "false");
        assertEquals(EnumSet.complementOf(OFF_BY_DEFAULT), read().enabled());
    }

    @Test
    void duendesEnableJwtRequestUriSwitchesRequestObjectsByReferenceOn() {
        settingsFile("{ \"IdentityServer\": { \"Endpoints\": { \"EnableJwtRequestUri\": true } } }");
        assertEquals(EnumSet.complementOf(EnumSet.of(Feature.MUTUAL_TLS)), read().enabled());
        properties.put("gatehouse.features.jwt-request-uri.enabled", "false");
        assertEquals(EnumSet.complementOf(OFF_BY_DEFAULT), read().enabled());
    }

    @Test
    void aMicroProfilePropertySwitchesAFeatureOff() {
        properties.put("gatehouse.features.introspection.enabled", "false");
        properties.put("gatehouse.features.end-session.enabled", "false");
        assertEquals(allBut(Feature.INTROSPECTION, Feature.END_SESSION), read().enabled());
    }

    @Test
    void theGatehouseSectionSwitchesAFeatureAndThePropertyOverridesIt() {
        settingsFile("{ \"Gatehouse\": { \"Features\": { \"Revocation\": { \"Enabled\": false },"
                + " \"userinfo\": { \"enabled\": \"false\" } } } }");
        assertEquals(allBut(Feature.REVOCATION, Feature.USERINFO), read().enabled());
        properties.put("gatehouse.features.revocation.enabled", "true");
        assertEquals(allBut(Feature.USERINFO), read().enabled());
    }

    @Test
    void duendesEndpointsOptionsMeanWhatTheyMeanThere() {
        settingsFile("{ \"IdentityServer\": { \"Endpoints\": { \"EnableIntrospectionEndpoint\": false,"
                + " \"EnableTokenRevocationEndpoint\": false, \"EnableUserInfoEndpoint\": true,"
                + " \"EnableDeviceAuthorizationEndpoint\": false } } }");
        assertEquals(allBut(Feature.INTROSPECTION, Feature.REVOCATION), read().enabled());
    }

    @Test
    void theLogoutNotificationsAreSwitchedInTheGatehouseSectionOnlyAsDuendeHasNoSwitchForThem() {
        settingsFile("{ \"Gatehouse\": { \"Features\": { \"FrontChannelLogout\": { \"Enabled\": false } } } }");
        properties.put("gatehouse.features.back-channel-logout.enabled", "false");
        assertEquals(allBut(Feature.FRONT_CHANNEL_LOGOUT, Feature.BACK_CHANNEL_LOGOUT), read().enabled());
    }

    @Test
    void aClientWithALogoutUriOfASwitchedOffNotificationFailsStartUp() {
        settingsFile("{ \"IdentityServer\": { \"Clients\": [ { \"ClientId\": \"web\", \"RequireClientSecret\": false,"
                + " \"AllowedGrantTypes\": [ \"authorization_code\" ], \"RedirectUris\": [ \"https://web.example/cb\" ],"
                + " \"FrontChannelLogoutUri\": \"https://web.example/fc\", \"BackChannelLogoutUri\": \"https://web.example/bc\","
                + " \"AllowedScopes\": [ \"openid\" ] } ] } }");
        properties.put("gatehouse.features.front-channel-logout.enabled", "false");
        properties.put("gatehouse.features.back-channel-logout.enabled", "false");
        var message = assertThrows(ConfigurationException.class, this::read).getMessage();
        assertTrue(message.contains("client \"web\" has FrontChannelLogoutUri, but FrontChannelLogout is switched off"
                + " (gatehouse.features.front-channel-logout.enabled)"), message);
        assertTrue(message.contains("client \"web\" has BackChannelLogoutUri, but BackChannelLogout is switched off"
                + " (gatehouse.features.back-channel-logout.enabled)"), message);
    }

    @Test
    void aClientRequiringDPoPFailsStartUpWithDPoPSwitchedOff() {
        settingsFile("{ \"IdentityServer\": { \"Clients\": [ { \"ClientId\": \"svc\", \"RequireDPoP\": true,"
                + " \"ClientSecrets\": [ { \"Value\": \"K7gNU3sdo+OL0wNhqoVWhr3g6s1xYv72ol/pe/Unols=\" } ],"
                + " \"AllowedGrantTypes\": [ \"client_credentials\" ] } ] } }");
        properties.put("gatehouse.features.dpop.enabled", "false");
        var message = assertThrows(ConfigurationException.class, this::read).getMessage();
        assertTrue(message.contains("client \"svc\" has RequireDPoP, but DPoP is switched off (gatehouse.features.dpop.enabled)"),
                message);
    }

    @Test
    void aClientWithACertificateSecretFailsStartUpWithMutualTlsOff() { // as it is by default
        settingsFile("{ \"IdentityServer\": { \"Clients\": [ { \"ClientId\": \"mtls\", \"ClientSecrets\": [ { \"Type\":"
                + " \"X509Name\", \"Value\": \"CN=mtls\" } ], \"AllowedGrantTypes\": [ \"client_credentials\" ] } ] } }");
        var message = assertThrows(ConfigurationException.class, this::read).getMessage();
        assertTrue(message.contains("client \"mtls\" has ClientSecrets of the X509Name or X509Thumbprint type, but MutualTls is"
                + " switched off (gatehouse.features.mutual-tls.enabled)"), message);
    }

    @Test
    void aClientWithAKeySecretFailsStartUpWithPrivateKeyJwtSwitchedOff() {
        settingsFile("{ \"IdentityServer\": { \"Clients\": [ { \"ClientId\": \"signed\", \"ClientSecrets\": [ { \"Type\":"
                + " \"JsonWebKey\", \"Value\": \"{\\\"kty\\\":\\\"EC\\\",\\\"crv\\\":\\\"P-256\\\",\\\"x\\\":"
                + "\\\"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4\\\",\\\"y\\\":\\\"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM\\\"}\" } ],"
                + " \"AllowedGrantTypes\": [ \"client_credentials\" ] } ] } }");
        properties.put("gatehouse.features.private-key-jwt.enabled", "false");
        var message = assertThrows(ConfigurationException.class, this::read).getMessage();
        assertTrue(message.contains("client \"signed\" has ClientSecrets of the JWK or X509CertificateBase64 type, but PrivateKeyJwt"
                + " is switched off (gatehouse.features.private-key-jwt.enabled)"), message);
    }

    /** The features on by default, but these. */
    private static EnumSet<Feature> allBut(Feature first, Feature... rest) {
        var enabled = EnumSet.complementOf(EnumSet.of(first, rest));
        enabled.removeAll(OFF_BY_DEFAULT);
        return enabled;
    }

    /** Off in Duende unless switched on: MutualTlsOptions.Enabled and EndpointsOptions.EnableJwtRequestUri. */
    private static final EnumSet<Feature> OFF_BY_DEFAULT = EnumSet.of(Feature.MUTUAL_TLS, Feature.JWT_REQUEST_URI);

    @Test
    void anEndpointGatehouseAlwaysServesCannotBeSwitchedOffSilently() {
        settingsFile("{ \"IdentityServer\": { \"Endpoints\": { \"EnableTokenEndpoint\": false } } }");
        var message = assertThrows(ConfigurationException.class, this::read).getMessage();
        assertTrue(message.contains("IdentityServer.Endpoints.EnableTokenEndpoint: Gatehouse cannot switch this endpoint off"),
                message);
    }

    @Test
    void aClientThatNeedsASwitchedOffFeatureFailsStartUp() {
        settingsFile("{ \"IdentityServer\": { \"Clients\": [ { \"ClientId\": \"web\", \"RequireClientSecret\": false,"
                + " \"AllowedGrantTypes\": [ \"authorization_code\" ], \"RedirectUris\": [ \"https://web.example/cb\" ],"
                + " \"PostLogoutRedirectUris\": [ \"https://web.example/\" ], \"AllowedScopes\": [ \"openid\" ] } ] } }");
        properties.put("gatehouse.features.end-session.enabled", "false");
        var message = assertThrows(ConfigurationException.class, this::read).getMessage();
        assertTrue(message.contains("client \"web\" has PostLogoutRedirectUris, but end session is switched off"
                + " (gatehouse.features.end-session.enabled)"), message);
    }

    @Test
    void requestObjectsRequiredOrFetchedNeedTheirFeatures() {
        settingsFile("{ \"IdentityServer\": { \"Clients\": [ { \"ClientId\": \"web\", \"RequireClientSecret\": false,"
                + " \"AllowedGrantTypes\": [ \"authorization_code\" ], \"RedirectUris\": [ \"https://web.example/cb\" ],"
                + " \"RequireRequestObject\": true, \"RequestUris\": [ \"https://web.example/request.jwt\" ],"
                + " \"AllowedScopes\": [ \"openid\" ] } ] } }");
        var message = assertThrows(ConfigurationException.class, this::read).getMessage();
        assertTrue(message.contains("client \"web\" has RequestUris, but JwtRequestUri is switched off"
                + " (gatehouse.features.jwt-request-uri.enabled)"), message);
        properties.put("gatehouse.features.jwt-request-uri.enabled", "true");
        properties.put("gatehouse.features.request-objects.enabled", "false");
        message = assertThrows(ConfigurationException.class, this::read).getMessage();
        assertTrue(message.contains("client \"web\" has RequireRequestObject, but RequestObjects is switched off"), message);
        properties.put("gatehouse.features.request-objects.enabled", "true");
        assertTrue(read().isOn(Feature.JWT_REQUEST_URI));
    }

    @Test
    void aSwitchedOffFeaturesEndpointsAreTheOnlyOnesGone() {
        var features = new Features(EnumSet.of(Feature.REVOCATION, Feature.USERINFO, Feature.END_SESSION));
        assertTrue(features.isSwitchedOff(Endpoints.INTROSPECTION));
        assertFalse(features.isSwitchedOff(Endpoints.REVOCATION));
        assertFalse(features.isSwitchedOff(Endpoints.TOKEN));
        assertFalse(features.isSwitchedOff("connect/introspection-not-a-feature"));
    }
}
