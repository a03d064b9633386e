package org.gatehouse.token.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonValue;
import java.util.List;
import org.gatehouse.Fixtures;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.configuration.entity.Configured;
import org.junit.jupiter.api.Test;

/** What start-up says about a configuration that loads but cannot be served in full. */
class UnservedGrantTypesTest {

    private static Configured<Client> configured(String json, String source) {
        return new Configured<>(Fixtures.validClient(json), JsonValue.EMPTY_JSON_OBJECT, source);
    }

    @Test
    void aGrantTypeNoHandlerServesIsAWarningNamingTheClient() {
        var device = configured(Fixtures.client("tv", "[ \"urn:ietf:params:oauth:grant-type:device_code\", \"client_credentials\" ]"),
                "app.json: IdentityServer.Clients[0]");
        var web = configured(Fixtures.client("web", "[ \"hybrid\" ]", "\"RedirectUris\": [ \"https://web.example/cb\" ]"),
                "app.json: IdentityServer.Clients[1]");
        assertEquals(List.of("app.json: IdentityServer.Clients[0] (\"tv\").AllowedGrantTypes:"
                        + " \"urn:ietf:params:oauth:grant-type:device_code\" is not supported yet: its requests are refused"
                        + " with unsupported_grant_type"),
                UnservedGrantTypes.warnings(List.of(device, web), List.of("authorization_code", "client_credentials",
                        "refresh_token")));
    }
}
