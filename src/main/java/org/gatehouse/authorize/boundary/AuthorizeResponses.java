package org.gatehouse.authorize.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gatehouse.authorize.entity.AuthorizeStep;
import org.gatehouse.jarm.control.ResponseJwts;
import org.gatehouse.pages.boundary.Pages;
import org.gatehouse.protocol.entity.ErrorCode;
import org.gatehouse.protocol.entity.Form;
import org.gatehouse.protocol.entity.OAuthError;

/** Sends an authorization response or error to the client's (registered) redirect URI, in its response mode (JARM's too). */
@ApplicationScoped
public class AuthorizeResponses {

    @Inject
    Pages pages;

    @Inject
    ResponseJwts responseJwts;

    public Response deliver(AuthorizeStep.Respond respond, String issuer, String base) {
        var parameters = new LinkedHashMap<>(respond.parameters());
        var redirection = respond.redirection();
        if (redirection.state() != null) {
            parameters.put("state", redirection.state());
        }
        if (redirection.mode().isJwt()) { // JARM §2.1: the parameters, iss among them, inside the signed response
            var jwt = responseJwts.response(redirection.clientId(), parameters, issuer);
            if (jwt.isEmpty()) {
                return pages.error(base, new OAuthError(ErrorCode.SERVER_ERROR, "no signing key has an algorithm the client"
                        + " accepts, or the client has no unexpired key to encrypt its response to"));
            }
            parameters = new LinkedHashMap<>(Map.of("response", jwt.get()));
        } else {
            parameters.put("iss", issuer); // RFC 9207 §2: on every response, errors included
        }
        String uri = redirection.redirectUri();
        return switch (redirection.mode().transport()) {
            case QUERY -> redirect(uri + (uri.contains("?") ? "&" : "?") + encoded(parameters));
            case FRAGMENT -> redirect(uri + "#" + encoded(parameters));
            default -> pages.formPost(base, uri, parameters);
        };
    }

    static Response redirect(String location) {
        return Response.status(Response.Status.FOUND).location(URI.create(location))
                .header("Cache-Control", "no-store").build();
    }

    private static String encoded(Map<String, String> parameters) {
        var form = new LinkedHashMap<String, List<String>>();
        parameters.forEach((name, value) -> form.put(name, List.of(value)));
        return new Form(form).encoded();
    }
}
