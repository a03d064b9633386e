package org.gatehouse.clients.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
    private volatile Set<String> corsOrigins = Set.of();

    public Optional<Client> find(String clientId) {
        return Optional.ofNullable(clients.get(clientId));
    }

    /** The enabled clients with an {@code InitiateLoginUri}, by name: the applications a user can start from here. */
    public List<Client> launchable() {
        return clients.values().stream().filter(Client::enabled).filter(c -> c.authorize().initiateLoginUri() != null)
                .sorted(Comparator.comparing(Client::displayName, String.CASE_INSENSITIVE_ORDER)).toList();
    }

    public int count() {
        return clients.size();
    }

    /** Whether an enabled client lists the origin in its {@code AllowedCorsOrigins}. */
    public boolean allowsCorsOrigin(String origin) {
        return corsOrigins.contains(origin.toLowerCase(Locale.ROOT));
    }

    public void reload() {
        var read = documents.read(DocumentKind.CLIENT, ClientReader::read).stream()
                .collect(Collectors.toUnmodifiableMap(Client::clientId, Function.identity()));
        corsOrigins = read.values().stream().filter(Client::enabled)
                .flatMap(client -> client.authorize().allowedCorsOrigins().stream())
                .map(origin -> origin.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        clients = read;
    }
}
