package org.gatehouse.userinfo.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.gatehouse.configuration.control.IssuerResolver;
import org.gatehouse.configuration.entity.Feature;
import org.gatehouse.configuration.entity.Features;
import org.gatehouse.dpop.boundary.DPoPHeaders;
import org.gatehouse.mtls.boundary.ClientCertificates;
import org.gatehouse.mtls.boundary.MutualTlsAliases;
import org.gatehouse.protocol.boundary.OAuthResponses;
import org.gatehouse.protocol.control.FormParser;
import org.gatehouse.protocol.entity.Confirmation;
import org.gatehouse.protocol.entity.Endpoints;
import org.gatehouse.protocol.entity.ErrorCode;
import org.gatehouse.protocol.entity.OAuthError;
import org.gatehouse.userinfo.control.UserInfo;
import org.gatehouse.userinfo.entity.UserInfoRequest;
import org.gatehouse.userinfo.entity.UserInfoResult;

/**
 * {@code /connect/userinfo} (OIDC Core §5.3), GET and POST: the access token of the {@code Authorization}
 * header (Bearer, or DPoP with its proof) and (POST) of the form body go to {@link UserInfo}; its result becomes
 * the JSON or the challenge.
 */
@Path(Endpoints.USERINFO)
public class UserInfoResource {

    @Inject
    UserInfo userInfo;

    @Inject
    IssuerResolver issuers;

    @Inject
    DPoPHeaders dpop;

    @Inject
    Features features;

    @Inject
    ClientCertificates certificates;

    @GET
    public Response get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(DPoPHeaders.PROOF) List<String> proofs, @Context HttpServletRequest request, @Context UriInfo uri) {
        return answer(authorization, Optional.empty(), proofs, request, uri);
    }

    @POST
    public Response post(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(DPoPHeaders.PROOF) List<String> proofs, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            InputStream body, @Context HttpServletRequest request, @Context UriInfo uri) {
        Optional<String> inForm = contentType == null ? Optional.empty()
                : FormParser.parse(contentType, body).fold(form -> form.value("access_token"), error -> Optional.empty());
        return answer(authorization, inForm, proofs, request, uri);
    }

    private Response answer(String authorization, Optional<String> inForm, List<String> proofs, HttpServletRequest request,
            UriInfo uri) {
        var dpopToken = features.isOn(Feature.DPOP) ? credential(authorization, Confirmation.DPOP) : Optional.<String>empty();
        var endpoint = MutualTlsAliases.requested(request, issuers.endpoint(uri.getBaseUri(), Endpoints.USERINFO));
        var result = userInfo.answer(new UserInfoRequest(credential(authorization, "Bearer"), dpopToken, inForm, proofs,
                request.getMethod(), endpoint, issuers.issuer(uri.getBaseUri()), certificates.of(request)));
        if (result instanceof UserInfoResult.Claims claims) {
            var answered = OAuthResponses.json(200, claims.toJson());
            return dpopToken.isPresent() ? dpop.withFreshNonce(answered) : answered; // the proof was good
        }
        if (result instanceof UserInfoResult.Refused refused) {
            return refused.dpop() ? dpopError(refused.error()) : error(refused.error());
        }
        // RFC 6750 §3.1: a request without authentication gets a challenge without an error code; RFC 9449 §7.1: one
        // per scheme, so that a client learns it may use DPoP.
        var unauthenticated = Response.status(401).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"gatehouse\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
        if (features.isOn(Feature.DPOP)) {
            unauthenticated.header(HttpHeaders.WWW_AUTHENTICATE, dpop.challenge(null));
        }
        return unauthenticated.build();
    }

    /** RFC 6750 §3: the error in the challenge, and in a JSON body as Duende sends it too. */
    private static Response error(OAuthError error) {
        return Response.fromResponse(OAuthResponses.json(error.status(), "{}"))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"gatehouse\", error=\"" + error.code()
                        + "\", error_description=\"" + error.description() + "\"")
                .build();
    }

    /** RFC 9449 §7.1, §9: a DPoP challenge; a proof's error is a 401 at a resource, and use_dpop_nonce brings the nonce. */
    private Response dpopError(OAuthError error) {
        int status = error.error() == ErrorCode.INSUFFICIENT_SCOPE ? error.status() : 401;
        var response = Response.fromResponse(OAuthResponses.json(status, "{}"))
                .header(HttpHeaders.WWW_AUTHENTICATE, dpop.challenge(error))
                .build();
        return dpop.withNonce(response, error);
    }

    /** The token of an {@code Authorization} header of {@code scheme} (case-insensitive, RFC 9110 §11.1). */
    private static Optional<String> credential(String authorization, String scheme) {
        int length = scheme.length() + 1;
        if (authorization == null || !authorization.regionMatches(true, 0, scheme + " ", 0, length)) {
            return Optional.empty();
        }
        String token = authorization.substring(length).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
