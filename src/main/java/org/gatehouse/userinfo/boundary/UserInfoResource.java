package org.gatehouse.userinfo.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.Optional;
import org.gatehouse.configuration.control.IssuerResolver;
import org.gatehouse.protocol.boundary.OAuthResponses;
import org.gatehouse.protocol.control.FormParser;
import org.gatehouse.protocol.entity.Endpoints;
import org.gatehouse.protocol.entity.OAuthError;
import org.gatehouse.userinfo.control.UserInfo;
import org.gatehouse.userinfo.entity.UserInfoResult;

/**
 * {@code /connect/userinfo} (OIDC Core §5.3), GET and POST: the access token of the {@code Authorization}
 * header and (POST) of the form body go to {@link UserInfo}; its result becomes the JSON or the challenge.
 */
@Path(Endpoints.USERINFO)
public class UserInfoResource {

    @Inject
    UserInfo userInfo;

    @Inject
    IssuerResolver issuers;

    @GET
    public Response get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @Context UriInfo uri) {
        return answer(bearer(authorization), Optional.empty(), uri);
    }

    @POST
    public Response post(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body, @Context UriInfo uri) {
        Optional<String> inForm = contentType == null ? Optional.empty()
                : FormParser.parse(contentType, body).fold(form -> form.value("access_token"), error -> Optional.empty());
        return answer(bearer(authorization), inForm, uri);
    }

    private Response answer(Optional<String> inHeader, Optional<String> inForm, UriInfo uri) {
        var result = userInfo.answer(inHeader, inForm, issuers.issuer(uri.getBaseUri()));
        if (result instanceof UserInfoResult.Claims claims) {
            return OAuthResponses.json(200, claims.toJson());
        }
        if (result instanceof UserInfoResult.Refused refused) {
            return error(refused.error());
        }
        // RFC 6750 §3.1: a request without authentication gets a challenge without an error code.
        return Response.status(401).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"gatehouse\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    /** RFC 6750 §3: the error in the challenge, and in a JSON body as Duende sends it too. */
    private static Response error(OAuthError error) {
        return Response.fromResponse(OAuthResponses.json(error.status(), "{}"))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"gatehouse\", error=\"" + error.code()
                        + "\", error_description=\"" + error.description() + "\"")
                .build();
    }

    private static Optional<String> bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = authorization.substring(7).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
