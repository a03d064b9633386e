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
import java.util.List;
import org.gatehouse.clients.boundary.ClientChannels;
import org.gatehouse.configuration.entity.Feature;
import org.gatehouse.configuration.entity.Features;
import org.gatehouse.dpop.boundary.DPoPHeaders;
import org.gatehouse.par.control.PushedAuthorization;
import org.gatehouse.protocol.boundary.OAuthResponses;
import org.gatehouse.protocol.control.FormParser;
import org.gatehouse.protocol.entity.Endpoints;

/**
 * {@code POST /connect/par} (RFC 9126 §2), at Duende's path: 201 with the {@code request_uri} and its lifetime (§2.2);
 * with a DPoP proof, the next {@code DPoP-Nonce} as at the token endpoint (RFC 9449 §8.2).
 */
@Path(Endpoints.PUSHED_AUTHORIZATION)
public class PushedAuthorizationResource {

    @Inject
    PushedAuthorization pushed;

    @Inject
    ClientChannels channels;

    @Inject
    DPoPHeaders dpop;

    @Inject
    Features features;

    @POST
    public Response push(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(DPoPHeaders.PROOF) List<String> proofs, @Context HttpServletRequest request, @Context UriInfo uri,
            InputStream body) {
        var dpopProofs = proofs == null ? List.<String>of() : proofs;
        return FormParser.parse(contentType, body)
                .then(form -> pushed.push(channels.of(request, uri, Endpoints.PUSHED_AUTHORIZATION), form, dpopProofs))
                .fold(created -> {
                    var answer = OAuthResponses.json(201, Json.createObjectBuilder().add("request_uri", created.requestUri())
                            .add("expires_in", created.lifetime().toSeconds()).build().toString());
                    return dpopProofs.isEmpty() || !features.isOn(Feature.DPOP) ? answer : dpop.withFreshNonce(answer);
                }, error -> dpop.withNonce(OAuthResponses.error(error), error));
    }
}
