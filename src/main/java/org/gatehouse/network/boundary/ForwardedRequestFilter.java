package org.gatehouse.network.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import org.gatehouse.network.entity.TrustedProxies;

/**
 * Behind a trusted TLS-terminating proxy, requests are seen as they were sent to the proxy: its
 * {@code X-Forwarded-Proto}/{@code -Host} (or {@code Forwarded}'s {@code proto}/{@code host}) become the
 * scheme and host of the request's base URI, so that redirects and cookie decisions are those of the public
 * URL. The issuer and discovery's endpoints never follow them: they come from the configured issuer.
 */
@Provider
@PreMatching
public class ForwardedRequestFilter implements ContainerRequestFilter {

    @Inject
    TrustedProxies trusted;

    @Inject
    ClientAddresses addresses;

    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        if (trusted.isEmpty()) {
            return; // the common case costs nothing
        }
        var forwarded = addresses.of(servletRequest);
        if (forwarded.proto().isEmpty() && forwarded.host().isEmpty()) {
            return;
        }
        var uri = request.getUriInfo();
        var base = uri.getBaseUriBuilder();
        var requested = uri.getRequestUriBuilder();
        forwarded.proto().ifPresent(scheme -> {
            base.scheme(scheme);
            requested.scheme(scheme);
        });
        forwarded.host().ifPresent(host -> {
            int colon = host.lastIndexOf(':');
            boolean withPort = colon > host.lastIndexOf(']');
            String name = withPort ? host.substring(0, colon) : host;
            int port = withPort ? Integer.parseInt(host.substring(colon + 1)) : -1;
            base.host(name).port(port);
            requested.host(name).port(port);
        });
        request.setRequestUri(base.build(), requested.build());
    }
}
