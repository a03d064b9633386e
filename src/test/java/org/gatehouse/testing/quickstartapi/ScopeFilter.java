package org.gatehouse.testing.quickstartapi;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Arrays;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** 401 without a valid token (RFC 6750 §3), 403 when the token lacks scope api1 (insufficient_scope). */
@Provider
@RequiresScope
public class ScopeFilter implements ContainerRequestFilter {

    @Inject
    JsonWebToken token;

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getSecurityContext().getUserPrincipal() == null) {
            request.abortWith(Response.status(401).header("WWW-Authenticate", "Bearer").build());
            return;
        }
        String scope = token.getClaim("scope");
        if (scope == null || Arrays.stream(scope.split(" ")).noneMatch("api1"::equals)) {
            request.abortWith(Response.status(403)
                    .header("WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope=\"api1\"").build());
        }
    }
}
