package org.gatehouse.network.boundary;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * HSTS (RFC 6797) on every answer over HTTPS — Gatehouse's own listener, or a trusted proxy's
 * {@code X-Forwarded-Proto: https} — so that browsers never again send a session cookie or a password over
 * plain HTTP to this host. One year; not for subdomains, which may be other people's services. Over plain HTTP
 * the header would be ignored (§7.2), so it is not sent.
 */
@Provider
public class StrictTransportSecurity implements ContainerResponseFilter {

    static final String VALUE = "max-age=31536000";

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if ("https".equalsIgnoreCase(request.getUriInfo().getBaseUri().getScheme())) {
            response.getHeaders().putSingle("Strict-Transport-Security", VALUE);
        }
    }
}
