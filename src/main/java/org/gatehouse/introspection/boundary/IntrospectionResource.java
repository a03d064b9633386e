package org.gatehouse.introspection.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import org.gatehouse.configuration.control.IssuerResolver;
import org.gatehouse.introspection.control.Introspection;
import org.gatehouse.protocol.boundary.OAuthResponses;
import org.gatehouse.protocol.control.FormParser;
import org.gatehouse.protocol.entity.Endpoints;

/** {@code POST /connect/introspect} (RFC 7662 §2.1), at Duende's path. */
@Path(Endpoints.INTROSPECTION)
public class IntrospectionResource {

    @Inject
    Introspection introspection;

    @Inject
    IssuerResolver issuers;

    @POST
    public Response introspect(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context UriInfo uri, InputStream body) {
        return FormParser.parse(contentType, body)
                .then(form -> introspection.introspect(authorization, form, issuers.issuer(uri.getBaseUri())))
                .fold(response -> OAuthResponses.json(200, response.toJson()), OAuthResponses::error);
    }
}
