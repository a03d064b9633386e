package org.gatehouse.configuration.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Locale;
import org.gatehouse.configuration.entity.GatehouseSettings;

/**
 * The issuer ({@code iss}) and the public base URL of every endpoint: {@code IssuerUri}, which production
 * requires, so that neither follows the request's {@code Host} header. In development only, without it, both
 * are — as Duende does — the base URI of the request, lower-cased and without a trailing slash.
 */
@ApplicationScoped
public class IssuerResolver {

    @Inject
    GatehouseSettings settings;

    public String issuer(URI requestBase) {
        if (settings.issuerUri() != null) {
            return settings.issuerUri();
        }
        String base = requestBase.toString().toLowerCase(Locale.ROOT);
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /**
     * Where the endpoints are, ending in a slash: under the issuer (OpenID Connect Discovery §4 puts the
     * configuration at the issuer plus {@code /.well-known/openid-configuration}).
     */
    public String base(URI requestBase) {
        return settings.issuerUri() != null ? settings.issuerUri().replaceAll("/+$", "") + "/" : requestBase.toString();
    }

    /** The public URL of one of the {@link org.gatehouse.protocol.entity.Endpoints}, e.g. a DPoP proof's {@code htu}. */
    public URI endpoint(URI requestBase, String endpoint) {
        return URI.create(base(requestBase) + endpoint);
    }

    /** Whether what {@link #issuer} and {@link #base} answer depends on the request's host. */
    public boolean followsHost() {
        return settings.issuerUri() == null;
    }
}
