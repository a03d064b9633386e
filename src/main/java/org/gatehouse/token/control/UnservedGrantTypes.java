package org.gatehouse.token.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.logging.Logger;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.configuration.entity.Configured;
import org.gatehouse.configuration.entity.GatehouseSettings;
import org.gatehouse.protocol.entity.GrantTypes;

/**
 * A grant type a client may use but nothing serves yet (device flow, CIBA) is refused at run time with
 * {@code unsupported_grant_type}; start-up says so too, naming the client. The token endpoint's handlers serve
 * what they serve, the authorization endpoint the front-channel grants.
 */
@ApplicationScoped
public class UnservedGrantTypes {

    private static final Logger LOG = Logger.getLogger(UnservedGrantTypes.class.getName());

    @Inject
    GatehouseSettings settings;

    @Inject
    TokenEndpoint tokenEndpoint;

    void check(@Observes @Initialized(ApplicationScoped.class) Object application) {
        warnings(settings.clients(), tokenEndpoint.grantTypes()).forEach(w -> LOG.warning("Gatehouse configuration: " + w));
    }

    static List<String> warnings(List<Configured<Client>> clients, List<String> tokenGrantTypes) {
        var served = new HashSet<>(tokenGrantTypes);
        served.addAll(List.of(GrantTypes.IMPLICIT, GrantTypes.HYBRID));
        var warnings = new ArrayList<String>();
        for (var client : clients) {
            client.value().allowedGrantTypes().stream().filter(grant -> !served.contains(grant)).sorted()
                    .forEach(grant -> warnings.add(client.source() + " (\"" + client.value().clientId() + "\").AllowedGrantTypes: \""
                            + grant + "\" is not supported yet: its requests are refused with unsupported_grant_type"));
        }
        return warnings;
    }
}
