package org.gatehouse.token.boundary;

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
import java.util.List;
import org.gatehouse.clients.boundary.ClientChannels;
import org.gatehouse.dpop.boundary.DPoPHeaders;
import org.gatehouse.protocol.boundary.OAuthResponses;
import org.gatehouse.protocol.control.FormParser;
import org.gatehouse.protocol.entity.Confirmation;
import org.gatehouse.protocol.entity.Endpoints;
import org.gatehouse.token.control.TokenEndpoint;
import org.gatehouse.token.entity.TokenRequest;

/**
 * {@code POST /connect/token} (RFC 6749 §3.2). Takes any content type, so that a wrong one is answered
 * with an OAuth {@code invalid_request} rather than the framework's 415.
 */
@Path(Endpoints.TOKEN)
public class TokenResource {

    @Inject
    TokenEndpoint endpoint;

    @Inject
    ClientChannels channels;

    @Inject
    DPoPHeaders dpop;

    @POST
    public Response token(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(DPoPHeaders.PROOF) List<String> proofs, @Context HttpServletRequest request, @Context UriInfo uri,
            InputStream body) {
        return FormParser.parse(contentType, body)
                .then(form -> endpoint.handle(new TokenRequest(form, channels.of(request, uri, Endpoints.TOKEN), proofs)))
                .fold(response -> Confirmation.DPOP.equals(response.tokenType())
                                ? dpop.withFreshNonce(OAuthResponses.json(200, response.toJson()))
                                : OAuthResponses.json(200, response.toJson()),
                        error -> dpop.withNonce(OAuthResponses.error(error), error));
    }
}
