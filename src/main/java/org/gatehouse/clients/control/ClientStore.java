package org.gatehouse.clients.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.platform.control.DocumentStore;
import org.gatehouse.platform.entity.DocumentKind;

/**
 * The clients, read from the database once and then served from memory: the token endpoint looks a
 * client up on every request, and clients change rarely. {@link #reload()} after a change.
 */
@ApplicationScoped
public class ClientStore {

    @Inject
    DocumentStore documents;

    private volatile Map<String, Client> clients = Map.of();

    public Optional<Client> find(String clientId) {
        return Optional.ofNullable(clients.get(clientId));
    }

    public int count() {
        return clients.size();
    }

    public void reload() {
        clients = documents.read(DocumentKind.CLIENT, ClientReader::read).stream()
                .collect(Collectors.toUnmodifiableMap(Client::clientId, Function.identity()));
    }
}
