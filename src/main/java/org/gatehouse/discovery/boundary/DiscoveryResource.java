package org.gatehouse.discovery.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.gatehouse.configuration.control.IssuerResolver;
import org.gatehouse.discovery.control.ProviderMetadata;
import org.gatehouse.protocol.entity.Endpoints;

/** {@code /.well-known/openid-configuration} (OIDC Discovery §4) and RFC 8414's {@code oauth-authorization-server}. */
@Path("")
public class DiscoveryResource {

    @Inject
    ProviderMetadata metadata;

    @Inject
    IssuerResolver issuers;

    @GET
    @Path(Endpoints.DISCOVERY)
    public Response openIdConfiguration(@Context UriInfo uri) {
        return metadata(uri);
    }

    @GET
    @Path(Endpoints.AUTHORIZATION_SERVER_METADATA)
    public Response authorizationServer(@Context UriInfo uri) {
        return metadata(uri);
    }

    private Response metadata(UriInfo uri) {
        var document = metadata.document(issuers.issuer(uri.getBaseUri()), issuers.base(uri.getBaseUri()));
        var response = Response.ok(document.toString(), MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "max-age=3600");
        if (issuers.followsHost()) {
            response.header("Vary", "Host"); // in development, endpoints and issuer come from the request's host
        }
        return response.build();
    }
}
