package org.gatehouse.cors.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;
import org.gatehouse.clients.control.ClientStore;
import org.gatehouse.configuration.entity.Features;
import org.gatehouse.protocol.entity.Endpoints;

/**
 * CORS for the endpoints a browser application calls itself (a SPA: discovery, keys, token, userinfo,
 * revocation), from the origins clients list in {@code AllowedCorsOrigins}, as Duende does. The pages and
 * the authorization endpoint are navigated to, never fetched: they get no CORS headers.
 */
@Provider
@PreMatching
public class CorsFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final Set<String> PATHS = Set.of(Endpoints.DISCOVERY, Endpoints.AUTHORIZATION_SERVER_METADATA,
            Endpoints.JWKS, Endpoints.TOKEN, Endpoints.USERINFO, Endpoints.REVOCATION);

    @Inject
    ClientStore clients;

    @Inject
    Features features;

    /** A preflight (Fetch §3.2.2) is answered here, before any endpoint: 204 with the grant, or without it. */
    @Override
    public void filter(ContainerRequestContext request) {
        String origin = request.getHeaderString("Origin");
        if (request.getMethod().equals(HttpMethod.OPTIONS) && origin != null
                && request.getHeaderString("Access-Control-Request-Method") != null && applies(request)) {
            var preflight = Response.noContent().header("Vary", "Origin");
            if (clients.allowsCorsOrigin(origin)) {
                preflight.header("Access-Control-Allow-Origin", origin)
                        .header("Access-Control-Allow-Methods", "GET, POST")
                        .header("Access-Control-Allow-Headers", "Authorization, Content-Type, DPoP")
                        .header("Access-Control-Max-Age", "3600");
            }
            request.abortWith(preflight.build());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String origin = request.getHeaderString("Origin");
        if (origin == null || !applies(request) || response.getHeaders().containsKey("Access-Control-Allow-Origin")) {
            return;
        }
        response.getHeaders().add("Vary", "Origin");
        if (clients.allowsCorsOrigin(origin)) {
            response.getHeaders().add("Access-Control-Allow-Origin", origin);
            response.getHeaders().add("Access-Control-Expose-Headers", "WWW-Authenticate, DPoP-Nonce"); // RFC 9449 §8: a browser client must read the nonce
        }
    }

    /** The endpoints above, those of switched-off features excepted (they do not exist). */
    private boolean applies(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        path = path.startsWith("/") ? path.substring(1) : path;
        return PATHS.contains(path) && !features.isSwitchedOff(path);
    }
}
