package org.gatehouse.configuration.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.gatehouse.Fixtures;
import org.gatehouse.appsettings.ConfigurationException;
import org.gatehouse.appsettings.Problems;
import org.gatehouse.appsettings.SettingsNode;
import org.gatehouse.clients.control.ClientReader;
import org.gatehouse.clients.entity.FapiProfile;
import org.gatehouse.configuration.entity.GatehouseSettings;
import org.gatehouse.testing.TestSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole server on FAPI 2.0 ({@code Gatehouse:FapiProfile}, {@code gatehouse.fapi-profile}): every client is held
 * to the profile, none may opt out, and pushed authorization is required server-wide.
 */
class FapiServerProfileTest {

    private static final ECKey KEY = generate();

    @TempDir
    Path dir;

    private final Map<String, String> properties = new HashMap<>(Map.of(SettingsReader.DEVELOPMENT, "true",
            SettingsReader.SIGNING_ALGORITHMS, "PS256,ES256"));

    private static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private GatehouseSettings read(String gatehouseSection, String... clients) {
        try {
            var file = Files.writeString(dir.resolve("appsettings.json"), "{ \"Gatehouse\": " + gatehouseSection
                    + ", \"IdentityServer\": { \"ApiScopes\": [ { \"Name\": \"api1\" } ], \"Clients\": [ "
                    + String.join(", ", clients) + " ] } }", StandardCharsets.UTF_8);
            properties.put(SettingsReader.SETTINGS_FILE, file.toString());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return new SettingsReader(name -> Optional.ofNullable(properties.get(name))).read();
    }

    private static String bank(String clientId, String... fields) {
        return "{ \"ClientId\": \"" + clientId + "\", \"AllowedGrantTypes\": [ \"authorization_code\" ],"
                + " \"RedirectUris\": [ \"https://bank.example/cb\" ], \"AllowedScopes\": [ \"openid\", \"api1\" ],"
                + " \"ClientSecrets\": [ " + TestSecrets.jwk(KEY) + " ]" + (fields.length == 0 ? "" : ", ")
                + String.join(", ", fields) + " }";
    }

    private String failure(String gatehouseSection, String... clients) {
        return assertThrows(ConfigurationException.class, () -> read(gatehouseSection, clients)).getMessage();
    }

    @Test
    void aClientThatNamesNoProfileIsHeldToTheServersAndIsStoredSo() {
        var settings = read("{ \"FapiProfile\": \"Fapi2Security\" }", bank("bank"), bank("signing", "\"FapiProfile\": \"Fapi2MessageSigning\""));
        var bank = settings.clients().get(0);
        assertEquals(FapiProfile.SECURITY, bank.value().fapi());
        assertTrue(bank.value().authorize().requirePushedAuthorization());
        assertTrue(bank.value().dpop().requireDPoP());
        assertEquals(FapiProfile.MESSAGE_SIGNING, settings.clients().get(1).value().fapi(), "a stronger profile stays");
        assertTrue(settings.pushedAuthorization().required(), "discovery's require_pushed_authorization_requests");
        // The clients' store reads the stored document back without knowing the server's profile.
        var stored = ClientReader.read(SettingsNode.root(bank.document(), "database", new Problems()));
        assertEquals(FapiProfile.SECURITY, stored.fapi());
        assertTrue(stored.dpop().requireDPoP());
    }

    @Test
    void theMicroProfileConfigPropertySetsItToo() {
        properties.put(SettingsReader.FAPI_PROFILE, "Fapi2MessageSigning");
        var bank = read("{}", bank("bank")).clients().get(0).value();
        assertEquals(FapiProfile.MESSAGE_SIGNING, bank.fapi());
        assertTrue(bank.authorize().requireRequestObject());
    }

    @Test
    void noClientOptsOutAndNoneContradictsIt() {
        assertTrue(failure("{ \"FapiProfile\": \"Fapi2MessageSigning\" }", bank("bank", "\"FapiProfile\": \"Fapi2Security\""))
                .contains("FapiProfile: cannot be weaker than the server's profile Fapi2MessageSigning"));
        String sharedSecret = failure("{ \"FapiProfile\": \"Fapi2Security\" }", Fixtures.m2m("service"));
        assertTrue(sharedSecret.contains("(\"service\").ClientSecrets: SharedSecret secrets are not allowed by FAPI 2.0"),
                sharedSecret);
    }

    @Test
    void pushedAuthorizationCannotBeSwitchedOffUnderIt() {
        properties.put(SettingsReader.PAR_REQUIRED, "false");
        assertTrue(failure("{ \"FapiProfile\": \"Fapi2Security\" }", bank("bank"))
                .contains(SettingsReader.PAR_REQUIRED + ": must be true: the server is on Fapi2Security"));
    }

    @Test
    void anUnknownProfileIsNamed() {
        assertTrue(failure("{ \"FapiProfile\": \"Fapi1\" }", bank("bank"))
                .contains("Gatehouse.FapiProfile: must be one of None, Fapi2Security, Fapi2MessageSigning, not \"Fapi1\""));
    }
}
