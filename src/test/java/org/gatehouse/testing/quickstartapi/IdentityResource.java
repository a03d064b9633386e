package org.gatehouse.testing.quickstartapi;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** {@code GET /identity}: the caller's claims, as the quickstart's IdentityController answers. */
@Path("identity")
@RequiresScope
public class IdentityResource {

    @Inject
    JsonWebToken token;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String claims() {
        var claims = Json.createObjectBuilder();
        token.getClaimNames().forEach(name -> claims.add(name, String.valueOf((Object) token.getClaim(name))));
        return claims.build().toString();
    }
}
