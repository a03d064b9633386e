package org.gatehouse.mtls.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.gatehouse.mtls.entity.MutualTlsOptions;
import org.gatehouse.protocol.entity.Endpoints;

/**
 * Where the endpoint aliases of RFC 8705 §5 are, as Duende places them by {@code MutualTls:DomainName}: unset, at
 * {@code connect/mtls/…} under the issuer; a name without a dot, on that subdomain of the issuer's host; a name with a
 * dot, on that host (and port), at the endpoints' usual paths.
 */
@ApplicationScoped
public class MutualTlsEndpoints {

    /** The endpoints that have an alias, and the alias path of each. */
    public static final Map<String, String> ALIASES = Map.of(Endpoints.TOKEN, Endpoints.MTLS_TOKEN,
            Endpoints.INTROSPECTION, Endpoints.MTLS_INTROSPECTION, Endpoints.REVOCATION, Endpoints.MTLS_REVOCATION,
            Endpoints.USERINFO, Endpoints.MTLS_USERINFO);

    @Inject
    MutualTlsOptions options;

    /**
     * The public URL of {@code endpoint}'s alias.
     *
     * @param base the endpoints' public base, ending in a slash (the issuer's)
     */
    public URI alias(String base, String endpoint) {
        String domain = options.domainName();
        if (domain == null) {
            return URI.create(base + ALIASES.get(endpoint));
        }
        if (domain.contains(".")) {
            return URI.create("https://" + domain + "/" + endpoint);
        }
        var issuer = URI.create(base);
        String port = issuer.getPort() < 0 ? "" : ":" + issuer.getPort();
        return URI.create(issuer.getScheme() + "://" + domain + "." + issuer.getHost() + port + issuer.getPath() + endpoint);
    }

    /**
     * The endpoint that a request to {@code path} at {@code authority} ({@code host[:port]}, as the caller addressed
     * it) reached through its alias, if it did.
     */
    public Optional<String> aliased(String base, String authority, String path) {
        if (options.domainName() == null) {
            return ALIASES.entrySet().stream().filter(alias -> alias.getValue().equals(path)).map(Map.Entry::getKey).findFirst();
        }
        return ALIASES.containsKey(path) && alias(base, path).getAuthority().equalsIgnoreCase(authority)
                ? Optional.of(path)
                : Optional.empty();
    }
}
