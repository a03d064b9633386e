package org.gatehouse.revocation.boundary;

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
import org.gatehouse.protocol.boundary.OAuthResponses;
import org.gatehouse.protocol.control.FormParser;
import org.gatehouse.protocol.entity.Endpoints;
import org.gatehouse.revocation.control.Revocation;

/** {@code POST /connect/revocation} (RFC 7009 §2.1), at Duende's path. */
@Path(Endpoints.REVOCATION)
public class RevocationResource {

    @Inject
    Revocation revocation;

    @Inject
    ClientChannels channels;

    @POST
    public Response revoke(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @Context HttpServletRequest request, @Context UriInfo uri, InputStream body) {
        return FormParser.parse(contentType, body)
                .then(form -> revocation.revoke(channels.of(request, uri, Endpoints.REVOCATION), form))
                .fold(revoked -> Response.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").build(),
                        OAuthResponses::error);
    }
}
