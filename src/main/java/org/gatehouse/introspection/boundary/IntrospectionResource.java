package org.gatehouse.introspection.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import org.gatehouse.clients.boundary.ClientChannels;
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
    ClientChannels channels;

    @POST
    public Response introspect(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @Context HttpServletRequest request, @Context UriInfo uri, InputStream body) {
        return FormParser.parse(contentType, body)
                .then(form -> introspection.introspect(channels.of(request, uri, Endpoints.INTROSPECTION), form))
                .fold(response -> OAuthResponses.json(200, response.toJson()), OAuthResponses::error);
    }
}
