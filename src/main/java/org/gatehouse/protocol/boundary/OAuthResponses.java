package org.gatehouse.protocol.boundary;

import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.gatehouse.protocol.entity.OAuthError;

/** The HTTP shape of OAuth responses: JSON, never cached (RFC 6749 §5.1), errors per §5.2. */
public final class OAuthResponses {

    private static final JsonProvider JSON = JsonProvider.provider();

    private OAuthResponses() {
    }

    public static Response json(int status, String body) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Pragma", "no-cache")
                .entity(body)
                .build();
    }

    /**
     * RFC 6749 §5.2: a client that tried HTTP Basic and failed gets 401 with a {@code WWW-Authenticate}
     * challenge for the scheme it used.
     */
    public static Response error(OAuthError error, boolean basicAttempted) {
        var body = JSON.createObjectBuilder().add("error", error.code());
        if (error.description() != null) {
            body.add("error_description", error.description());
        }
        var response = json(error.status(), body.build().toString());
        if (basicAttempted && error.status() == 401) {
            return Response.fromResponse(response)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"gatehouse\", charset=\"UTF-8\"").build();
        }
        return response;
    }
}
