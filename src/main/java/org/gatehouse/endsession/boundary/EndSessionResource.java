package org.gatehouse.endsession.boundary;

import static org.gatehouse.protocol.entity.ErrorCode.INVALID_REQUEST;

import com.nimbusds.jwt.JWTClaimsSet;
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
import java.util.LinkedHashMap;
import java.util.Optional;
import org.gatehouse.claims.control.SubjectIdentifiers;
import org.gatehouse.clients.control.ClientStore;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.configuration.control.IssuerResolver;
import org.gatehouse.issuance.control.TokenInspector;
import org.gatehouse.pages.boundary.Csrf;
import org.gatehouse.pages.boundary.Pages;
import org.gatehouse.protocol.control.FormParser;
import org.gatehouse.protocol.entity.Form;
import org.gatehouse.protocol.entity.OAuthError;
import org.gatehouse.protocol.entity.Outcome;
import org.gatehouse.protocol.entity.Parameters;
import org.gatehouse.sessions.boundary.SessionCookie;
import org.gatehouse.sessions.control.SessionStore;
import org.gatehouse.sessions.entity.UserSession;

/**
 * {@code /connect/endsession} (OpenID Connect RP-Initiated Logout 1.0). With a valid {@code id_token_hint}
 * for the user signed in here, the user is signed out at once; otherwise a page asks first (§2), so that
 * another site cannot sign the user out. A {@code post_logout_redirect_uri} must be registered for the client
 * exactly; the signed-out page links back to it, with {@code state}.
 */
@Path("connect/endsession")
public class EndSessionResource {

    private static final Parameters PARAMETERS = Parameters.of(Parameters.single("id_token_hint", 8000),
            Parameters.single("post_logout_redirect_uri", 2000), Parameters.single("state", 2000),
            Parameters.single("client_id", Client.MAX_ID_LENGTH), Parameters.single("ui_locales", 100));

    @Inject
    SessionStore sessions;

    @Inject
    ClientStore clients;

    @Inject
    TokenInspector inspector;

    @Inject
    IssuerResolver issuers;

    @Inject
    Pages pages;

    @GET
    public Response get(@Context UriInfo uri, @Context HttpHeaders headers) {
        return endSession(FormParser.parseEncoded(uri.getRequestUri().getRawQuery()), false, uri, headers);
    }

    @POST
    public Response post(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body,
            @Context UriInfo uri, @Context HttpHeaders headers) {
        return endSession(FormParser.parse(contentType, body), true, uri, headers);
    }

    private Response endSession(Outcome<Form> parsed, boolean post, UriInfo uri, HttpHeaders headers) {
        String base = uri.getBaseUri().getPath();
        var checked = parsed.then(form -> form.checked(PARAMETERS));
        if (checked instanceof Outcome.Failure<Form> failure) {
            return pages.error(base, failure.error());
        }
        var form = ((Outcome.Success<Form>) checked).value();
        var hint = form.value("id_token_hint");
        var claims = hint.flatMap(token -> inspector.idTokenHint(token, issuers.issuer(uri.getBaseUri())));
        if (hint.isPresent() && claims.isEmpty()) {
            return pages.error(base, new OAuthError(INVALID_REQUEST, "id_token_hint is not an ID token of this server"));
        }
        var clientId = claims.map(c -> c.getAudience().get(0)).or(() -> form.value("client_id"));
        if (claims.isPresent() && form.value("client_id").filter(id -> !id.equals(clientId.get())).isPresent()) {
            return pages.error(base, new OAuthError(INVALID_REQUEST, "client_id does not match the id_token_hint"));
        }
        var redirect = form.value("post_logout_redirect_uri");
        if (redirect.isPresent() && clientId.flatMap(clients::find).filter(Client::enabled)
                .filter(c -> c.logout().postLogoutRedirectUris().contains(redirect.get())).isEmpty()) {
            return pages.error(base, new OAuthError(INVALID_REQUEST, "post_logout_redirect_uri is not registered for the client"));
        }
        String handle = SessionCookie.handle(headers.getCookies());
        var session = sessions.find(handle);
        // §2: the hint confirms only for the user signed in here; another user's token asks first.
        boolean hintMatches = claims.isPresent() && (session.isEmpty() || names(claims.get(), clientId.get(), session.get()));
        boolean confirmed = hintMatches || post && Csrf.matches(headers.getCookies(), form.value(Csrf.FIELD).orElse(null));
        if (!confirmed && session.isPresent()) {
            var carried = new LinkedHashMap<String, String>();
            for (String name : PARAMETERS.names()) {
                form.value(name).ifPresent(value -> carried.put(name, value));
            }
            return pages.confirmSignOut(base, carried, Csrf.token(headers.getCookies()));
        }
        sessions.end(handle);
        if (hintMatches) { // also when the browser did not send the cookie: the session the token was issued in
            sessions.endSession(claims.get().getClaim("sid") instanceof String sid ? sid : null);
        }
        Optional<String> back = redirect.map(uriText -> form.value("state")
                .map(state -> uriText + (uriText.contains("?") ? "&" : "?") + "state=" + Form.encode(state))
                .orElse(uriText));
        return Response.fromResponse(pages.signedOut(base, back.orElse(null)))
                .cookie(SessionCookie.cleared(base)).build();
    }

    private boolean names(JWTClaimsSet hint, String clientId, UserSession session) {
        var client = clients.find(clientId);
        return client.isPresent()
                && SubjectIdentifiers.forClient(client.get(), session.subjectId()).equals(hint.getSubject())
                && (hint.getClaim("sid") == null || session.sessionId().equals(hint.getClaim("sid")));
    }
}
