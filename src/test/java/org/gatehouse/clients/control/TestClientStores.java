package org.gatehouse.clients.control;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.gatehouse.clients.entity.Client;

/** Client-backed beans for tests of other packages, whose injected fields are package-private here. */
public final class TestClientStores {

    private TestClientStores() {
    }

    /** A store serving fixed clients. */
    public static ClientStore of(List<Client> clients) {
        return new ClientStore() {
            @Override
            public Optional<Client> find(String clientId) {
                return clients.stream().filter(c -> c.clientId().equals(clientId)).findFirst();
            }
        };
    }

    /** An authenticator of fixed clients, checking secret expiry against {@code clock}. */
    public static ClientAuthenticator authenticator(List<Client> clients, Clock clock) {
        var authenticator = new ClientAuthenticator();
        authenticator.clients = of(clients);
        authenticator.clock = clock;
        authenticator.callerAddress = () -> "192.0.2.1";
        authenticator.referenced = TestReferencedSecrets.of(java.util.Map.of());
        return authenticator;
    }
}
