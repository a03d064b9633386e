package org.gatehouse.par.boundary;

import jakarta.inject.Inject;
import jakarta.json.Json;
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
import org.gatehouse.par.control.PushedAuthorization;
import org.gatehouse.protocol.boundary.OAuthResponses;
import org.gatehouse.protocol.control.FormParser;
import org.gatehouse.protocol.entity.Endpoints;

/** {@code POST /connect/par} (RFC 9126 §2), at Duende's path: 201 with the {@code request_uri} and its lifetime (§2.2). */
@Path(Endpoints.PUSHED_AUTHORIZATION)
public class PushedAuthorizationResource {

    @Inject
    PushedAuthorization pushed;

    @Inject
    ClientChannels channels;

    @POST
    public Response push(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @Context HttpServletRequest request,
            @Context UriInfo uri, InputStream body) {
        return FormParser.parse(contentType, body)
                .then(form -> pushed.push(channels.of(request, uri, Endpoints.PUSHED_AUTHORIZATION), form))
                .fold(created -> OAuthResponses.json(201, Json.createObjectBuilder().add("request_uri", created.requestUri())
                        .add("expires_in", created.lifetime().toSeconds()).build().toString()), OAuthResponses::error);
    }
}
