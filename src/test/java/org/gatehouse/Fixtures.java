package org.gatehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.gatehouse.clients.control.ClientReader;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.clients.entity.ClientChannel;
import org.gatehouse.appsettings.Problems;
import org.gatehouse.appsettings.RelaxedJson;
import org.gatehouse.appsettings.SettingsNode;

/** Settings JSON shared by the tests. */
public final class Fixtures {

    /** Base64(SHA-256("secret")): how Duende's quickstart stores the secret "secret". */
    public static final String SECRET_HASH = "K7gNU3sdo+OL0wNhqoVWhr3g6s1xYv72ol/pe/Unols=";

    private Fixtures() {
    }

    /** A client with the quickstart secret and scope api1; {@code fields} are further JSON members. */
    public static String client(String clientId, String grantTypes, String... fields) {
        var json = new StringBuilder("{ \"ClientId\": \"" + clientId + "\", \"ClientSecrets\": [ { \"Value\": \""
                + SECRET_HASH + "\" } ], \"AllowedGrantTypes\": " + grantTypes + ", \"AllowedScopes\": [ \"api1\" ]");
        for (String field : fields) {
            json.append(", ").append(field);
        }
        return json.append(" }").toString();
    }

    /** A client_credentials client with the quickstart secret and scope api1. */
    public static String m2m(String clientId, String... fields) {
        return client(clientId, "[ \"client_credentials\" ]", fields);
    }

    /** A plain HTTPS request's channel to {@code issuer}'s token endpoint: no client certificate. */
    public static ClientChannel channel(String authorization, String issuer) {
        return new ClientChannel(authorization, Optional.empty(), issuer, URI.create(issuer + "/connect/token"));
    }

    /** Reads one client that must be valid. */
    public static Client validClient(String json) {
        var problems = new Problems();
        var node = SettingsNode.root(RelaxedJson.parse("[" + json + "]", "test"), "test", problems).elements().get(0);
        var client = ClientReader.read(node);
        assertEquals(List.of(), problems.errors());
        return client;
    }
}
