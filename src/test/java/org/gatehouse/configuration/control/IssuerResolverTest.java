package org.gatehouse.configuration.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.gatehouse.configuration.entity.GatehouseSettings;
import org.junit.jupiter.api.Test;

class IssuerResolverTest {

    private static final URI FROM_HOST_HEADER = URI.create("http://Attacker.example:8080/");

    private static IssuerResolver resolver(Map<String, String> properties) {
        var resolver = new IssuerResolver();
        resolver.settings = settings(properties);
        return resolver;
    }

    private static GatehouseSettings settings(Map<String, String> properties) {
        return new SettingsReader(name -> Optional.ofNullable(properties.get(name))).read();
    }

    @Test
    void aConfiguredIssuerNamesTheTokensAndTheEndpointsWhateverTheHostHeader() {
        var resolver = resolver(Map.of(SettingsReader.ISSUER_URI, "https://sso.example/gatehouse/",
                SettingsReader.ENCRYPTION_KEY, "a-long-random-secret-0123456789"));
        assertEquals("https://sso.example/gatehouse/", resolver.issuer(FROM_HOST_HEADER), "as configured, as Duende does");
        assertEquals("https://sso.example/gatehouse/", resolver.base(FROM_HOST_HEADER));
        assertFalse(resolver.followsHost());
    }

    @Test
    void onlyInDevelopmentDoesTheRequestNameThem() {
        var resolver = resolver(Map.of(SettingsReader.DEVELOPMENT, "true"));
        assertEquals("http://attacker.example:8080", resolver.issuer(FROM_HOST_HEADER));
        assertEquals("http://Attacker.example:8080/", resolver.base(FROM_HOST_HEADER));
        assertTrue(resolver.followsHost());
    }
}
