package org.gatehouse.introspection.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import org.gatehouse.clients.boundary.ClientChannels;
import org.gatehouse.introspection.control.Introspection;
import org.gatehouse.introspection.control.IntrospectionJwts;
import org.gatehouse.protocol.boundary.OAuthResponses;
import org.gatehouse.protocol.control.FormParser;
import org.gatehouse.protocol.entity.Endpoints;

/** {@code POST /connect/introspect} (RFC 7662 §2.1), at Duende's path; in JSON, or as a JWT (RFC 9701). */
@Path(Endpoints.INTROSPECTION)
public class IntrospectionResource {

    @Inject
    Introspection introspection;

    @Inject
    ClientChannels channels;

    @POST
    public Response introspect(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @Context HttpServletRequest request, @Context UriInfo uri, @Context HttpHeaders headers, InputStream body) {
        var channel = channels.of(request, uri, Endpoints.INTROSPECTION);
        var form = FormParser.parse(contentType, body);
        if (asksForJwt(headers)) { // RFC 9701 §4
            return form.then(parsed -> introspection.introspectAsJwt(channel, parsed)).fold(jwt -> Response.ok(jwt,
                    IntrospectionJwts.MEDIA_TYPE).header("Cache-Control", "no-store").header("Pragma", "no-cache").build(), OAuthResponses::error);
        }
        return form.then(parsed -> introspection.introspect(channel, parsed))
                .fold(response -> OAuthResponses.json(200, response.toJson()), OAuthResponses::error);
    }

    /** Whether the caller accepts the JWT response and prefers it to JSON (or takes nothing else). */
    private static boolean asksForJwt(HttpHeaders headers) {
        var jwt = MediaType.valueOf(IntrospectionJwts.MEDIA_TYPE);
        for (var accepted : headers.getAcceptableMediaTypes()) { // in order of preference (JAX-RS sorts them)
            if (accepted.getType().equals(jwt.getType()) && accepted.getSubtype().equals(jwt.getSubtype())) {
                return true;
            }
            if (accepted.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
        }
        return false;
    }
}
