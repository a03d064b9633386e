package org.gatehouse.mtls.boundary;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import org.gatehouse.configuration.control.IssuerResolver;
import org.gatehouse.configuration.entity.Feature;
import org.gatehouse.configuration.entity.Features;
import org.gatehouse.mtls.control.MutualTlsEndpoints;

/**
 * Serves the endpoint aliases of RFC 8705 §5: a request to an alias path goes to its endpoint, and any request
 * that came through an alias remembers the alias's public URL, which a DPoP proof names in {@code htu} (RFC 9449
 * §4.3). After {@code ForwardedRequestFilter}, so that the host is the one the caller addressed; the feature gate
 * has already refused the aliases of switched-off endpoints.
 */
@Provider
@PreMatching
@Priority(Priorities.USER + 100)
public class MutualTlsAliases implements ContainerRequestFilter {

    /** The request attribute holding the public URL of the alias a request came through. */
    private static final String ALIAS = MutualTlsAliases.class.getName() + ".alias";

    @Inject
    Features features;

    @Inject
    MutualTlsEndpoints endpoints;

    @Inject
    IssuerResolver issuers;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!features.isOn(Feature.MUTUAL_TLS)) {
            return;
        }
        var uri = request.getUriInfo();
        String path = uri.getPath().replaceAll("^/+|/+$", "");
        String base = issuers.base(uri.getBaseUri());
        endpoints.aliased(base, uri.getBaseUri().getAuthority(), path).ifPresent(endpoint -> {
            request.setProperty(ALIAS, endpoints.alias(base, endpoint));
            if (!endpoint.equals(path)) {
                request.setRequestUri(uri.getBaseUri(), uri.getRequestUriBuilder()
                        .replacePath(uri.getBaseUri().getPath() + endpoint).build());
            }
        });
    }

    /** The public URL a request was made to: {@code endpoint}'s, or that of its alias if it came through one. */
    public static URI requested(HttpServletRequest request, URI endpoint) {
        return request.getAttribute(ALIAS) instanceof URI alias ? alias : endpoint;
    }
}
