package org.gatehouse.keys.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.gatehouse.keys.control.SigningKeys;
import org.gatehouse.protocol.entity.Endpoints;

/** The JWKS ({@code jwks_uri}), at Duende's path. */
@Path(Endpoints.JWKS)
public class JwksResource {

    @Inject
    SigningKeys keys;

    @GET
    public Response jwks() {
        // New keys are published the propagation time (14 days) before they sign: an hour's caching is safe.
        return Response.ok(keys.jwks(), "application/jwk-set+json").header("Cache-Control", "public, max-age=3600").build();
    }
}
