package org.gatehouse.clients.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.util.List;
import java.util.Set;
import org.gatehouse.appsettings.Problems;
import org.gatehouse.appsettings.RelaxedJson;
import org.gatehouse.appsettings.SettingsNode;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.clients.entity.FapiProfile;
import org.gatehouse.clients.entity.RefreshTokenUsage;
import org.gatehouse.testing.TestSecrets;
import org.junit.jupiter.api.Test;

/**
 * A client's {@code FapiProfile}: with nothing else said, the properties that enforce FAPI 2.0 take its values; what
 * contradicts it is a start-up error naming the property.
 */
class FapiRulesTest {

    private static final ECKey KEY = generate();
    private Problems problems = new Problems();

    private static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private Client read(String profile, String... fields) {
        var json = new StringBuilder("{ \"ClientId\": \"bank\", \"FapiProfile\": \"" + profile + "\","
                + " \"AllowedGrantTypes\": [ \"authorization_code\" ], \"RedirectUris\": [ \"https://bank.example/cb\" ],"
                + " \"AllowedScopes\": [ \"openid\", \"accounts\" ], \"AllowOfflineAccess\": true");
        boolean secrets = false;
        for (String field : fields) {
            json.append(", ").append(field);
            secrets |= field.contains("\"ClientSecrets\"");
        }
        if (!secrets) {
            json.append(", \"ClientSecrets\": [ ").append(TestSecrets.jwk(KEY)).append(" ]");
        }
        var list = SettingsNode.root(RelaxedJson.parse("[" + json.append(" }") + "]", "clients.json"), "clients.json", problems);
        return ClientReader.read(list.elements().get(0));
    }

    private String error(String profile, String... fields) {
        assertNull(read(profile, fields));
        assertEquals(1, problems.errors().size(), problems.errors()::toString);
        return problems.errors().get(0);
    }

    @Test
    void theSecurityProfileAloneSetsWhatEnforcesIt() {
        var client = read("Fapi2Security");
        assertEquals(List.of(), problems.errors());
        assertEquals(FapiProfile.SECURITY, client.fapi());
        assertTrue(client.authorize().requirePushedAuthorization(), "PAR");
        assertTrue(client.authorize().requirePkce());
        assertTrue(client.dpop().requireDPoP(), "private_key_jwt alone does not constrain tokens: DPoP does");
        assertEquals(60, client.tokens().authorizationCodeLifetime());
        assertEquals(Set.of("PS256", "ES256"), client.tokens().allowedIdentityTokenSigningAlgorithms());
        assertEquals(RefreshTokenUsage.REUSE, client.tokens().refreshTokenUsage(), "§5.3.2.1: no rotation");
        assertFalse(client.authorize().requireRequestObject());
        assertTrue(read("Fapi2MessageSigning").authorize().requireRequestObject(), "Message Signing: request objects");
    }

    @Test
    void aClientAuthenticatedByCertificateOnlyHasItsTokensBoundToItWithoutDPoP() { // RFC 8705 §3
        var client = read("Fapi2Security", "\"ClientSecrets\": [ { \"Type\": \"X509Name\", \"Value\": \"CN=bank\" } ]");
        assertEquals(List.of(), problems.errors());
        assertFalse(client.dpop().requireDPoP());
    }

    @Test
    void whatContradictsTheProfileIsAStartUpErrorNamingTheProperty() {
        assertTrue(error("Fapi2Security", "\"ClientSecrets\": [ { \"Value\": \"K7gNU3sdo+OL0wNhqoVWhr3g6s1xYv72ol/pe/Unols=\" } ]")
                .contains("ClientSecrets: SharedSecret secrets are not allowed by FAPI 2.0"), problems.errors()::toString);
    }

    @Test
    void eachRuleOfTheProfileIsChecked() {
        for (var contradiction : List.of(
                List.of("\"AllowedGrantTypes\": [ \"hybrid\" ]", "AllowedGrantTypes: hybrid is not allowed"),
                List.of("\"RequirePushedAuthorization\": false", "RequirePushedAuthorization: must be true"),
                List.of("\"AllowPlainTextPkce\": true", "AllowPlainTextPkce: contradicts FAPI 2.0"),
                List.of("\"RequireDPoP\": false", "RequireDPoP: must be true"),
                List.of("\"AuthorizationCodeLifetime\": 300", "AuthorizationCodeLifetime: must be at most 60"),
                List.of("\"AllowedIdentityTokenSigningAlgorithms\": [ \"RS256\" ]", "AllowedIdentityTokenSigningAlgorithms: must list only"),
                List.of("\"AllowUnsignedRequestObjects\": true", "AllowUnsignedRequestObjects: must be false"))) {
            problems = new Problems();
            String message = error("Fapi2Security", contradiction.get(0));
            assertTrue(message.contains(contradiction.get(1)), message);
        }
        problems = new Problems();
        assertTrue(error("Fapi2MessageSigning", "\"RequireRequestObject\": false").contains("RequireRequestObject: must be true"));
    }

    @Test
    void rotatingRefreshTokensIsAllowedWithAWarning() {
        assertTrue(read("Fapi2Security", "\"RefreshTokenUsage\": \"OneTimeOnly\"") != null);
        assertTrue(problems.warnings().stream().anyMatch(w -> w.contains("RefreshTokenUsage: OneTimeOnly rotates")),
                problems.warnings()::toString);
    }
}
