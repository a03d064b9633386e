package org.gatehouse.configuration.boundary;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.gatehouse.configuration.entity.Features;

/**
 * The endpoints of a switched-off feature do not exist: their requests are answered 404 before routing, as
 * for a path nobody registered, whatever the method or body. Ranks before CORS, so that no preflight grants
 * access to them either.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class FeatureGate implements ContainerRequestFilter {

    @Inject
    Features features;

    @Override
    public void filter(ContainerRequestContext request) {
        // JAX-RS matches with or without the slashes around a path: so does the gate.
        String path = request.getUriInfo().getPath().replaceAll("^/+|/+$", "");
        if (features.isSwitchedOff(path)) {
            request.abortWith(Response.status(Response.Status.NOT_FOUND).build());
        }
    }
}
