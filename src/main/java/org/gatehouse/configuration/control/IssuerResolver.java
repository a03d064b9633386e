package org.gatehouse.configuration.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Locale;
import org.gatehouse.configuration.entity.GatehouseSettings;

/**
 * The issuer ({@code iss}): {@code IssuerUri} when configured, else — as Duende does — the base URI
 * of the request, lower-cased and without a trailing slash.
 */
@ApplicationScoped
public class IssuerResolver {

    @Inject
    GatehouseSettings settings;

    public String issuer(URI baseUri) {
        if (settings.issuerUri() != null) {
            return settings.issuerUri();
        }
        String base = baseUri.toString().toLowerCase(Locale.ROOT);
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
