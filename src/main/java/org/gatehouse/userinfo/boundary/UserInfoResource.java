package org.gatehouse.userinfo.boundary;

import static org.gatehouse.protocol.entity.ErrorCode.INVALID_REQUEST;

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
import org.gatehouse.protocol.entity.OAuthError;
import org.gatehouse.userinfo.control.UserInfo;

/**
 * {@code /connect/userinfo} (OIDC Core §5.3), GET and POST, the access token in the {@code Authorization}
 * header or (POST) the form body (RFC 6750 §2.1-2.2), never both (§2).
 */
@Path("connect/userinfo")
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
        if (inHeader.isPresent() && inForm.isPresent()) {
            return error(new OAuthError(INVALID_REQUEST, "send the access token once: header or form"));
        }
        var token = inHeader.or(() -> inForm);
        if (token.isEmpty()) {
            // RFC 6750 §3.1: a request without authentication gets a challenge without an error code.
            return Response.status(401).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"gatehouse\"")
                    .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
        }
        return userInfo.claims(token.get(), issuers.issuer(uri.getBaseUri()))
                .fold(json -> OAuthResponses.json(200, json), UserInfoResource::error);
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
