package org.gatehouse.configuration.control;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.gatehouse.testing.Http;
import org.gatehouse.testing.PayaraMicroProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A wrong configuration stops the deployment, with one message that names every problem's place. */
class InvalidConfigurationIT {

    @TempDir
    Path directory;

    @Test
    void invalidSettingsStopTheDeploymentWithOneMessageNamingEachProblem() throws Exception {
        Path settings = directory.resolve("appsettings.json");
        Files.writeString(settings, """
                {
                  "IdentityServer": {
                    "Clients": [
                      { "ClientId": "web", "ClientSecrets": [ { "Value": "K7gNU3sdo+OL0wNhqoVWhr3g6s1xYv72ol/pe/Unols=" } ],
                        "AllowedGrantTypes": [ "implicit", "authorization_code" ], "RedirectUris": [ "https://web.example/cb" ] },
                      { "ClientId": "spa", "RequireClientSecret": false, "AllowedGrantTypes": [ "authorization_code" ] },
                      { "ClientId": "web", "ClientSecrets": [ { "Value": "secret" } ], "AllowedGrantTypes": [ "client_credentials" ] },
                    ]
                  }
                }
                """);
        try (var node = PayaraMicroProcess.start("invalid-configuration", Integer.getInteger("it.port.invalid", 18090),
                Map.of("gatehouse.settings-file", settings.toString(),
                        "gatehouse.key-management.encryption-key", "integration-tests-only"), Map.of(), List.of())
                .awaitReady(Duration.ofMinutes(3))) {
            String log = node.log();
            String file = settings.toString();

            assertAll(
                    () -> assertTrue(log.contains("Invalid Gatehouse configuration (4 problems):"), log),
                    () -> assertTrue(log.contains(file + ": IdentityServer.Clients[0] (\"web\").AllowedGrantTypes: cannot combine"
                            + " \"implicit\" with \"authorization_code\""), "forbidden combination"),
                    () -> assertTrue(log.contains(file + ": IdentityServer.Clients[1] (\"spa\").RedirectUris: is empty"),
                            "code flow without redirect URIs"),
                    () -> assertTrue(log.contains(file + ": IdentityServer.Clients[2] (\"web\").ClientSecrets[0].Value: must be the"
                            + " Base64 of the SHA-256"), "plain secret"),
                    () -> assertTrue(log.contains(file + ": IdentityServer.Clients[2] (\"web\"): ClientId \"web\" is already"
                            + " defined at " + file + ": IdentityServer.Clients[0]"), "duplicate ClientId"),
                    () -> assertFalse(log.contains("Gatehouse started"), "nothing half-loaded"),
                    () -> assertTrue(log.contains("Exception while loading the app"), "the deployment failed"));
            // Payara keeps the failed context and answers 500 with an empty body: nothing served, nothing leaked.
            var discovery = Http.get(URI.create(node.baseUrl() + "/.well-known/openid-configuration"));
            assertNotEquals(200, discovery.statusCode());
            assertEquals("", discovery.body());
        }
    }
}
