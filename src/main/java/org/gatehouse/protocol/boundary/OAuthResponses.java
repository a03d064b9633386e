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
     * RFC 6749 §5.2 requires a {@code WWW-Authenticate} challenge on a 401 when the client used HTTP Basic;
     * RFC 9110 §15.5.2 requires one on every 401, so every {@code invalid_client} carries it.
     */
    public static Response error(OAuthError error) {
        var body = JSON.createObjectBuilder().add("error", error.code());
        if (error.description() != null) {
            body.add("error_description", error.description());
        }
        var response = json(error.status(), body.build().toString());
        if (error.status() == 401) {
            return Response.fromResponse(response)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"gatehouse\", charset=\"UTF-8\"").build();
        }
        return response;
    }
}
