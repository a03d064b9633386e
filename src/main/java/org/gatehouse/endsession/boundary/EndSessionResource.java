package org.gatehouse.endsession.boundary;

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
import java.net.URI;
import org.gatehouse.configuration.control.IssuerResolver;
import org.gatehouse.endsession.control.EndSession;
import org.gatehouse.endsession.entity.EndSessionRequest;
import org.gatehouse.endsession.entity.EndSessionStep;
import org.gatehouse.pages.boundary.Csrf;
import org.gatehouse.pages.boundary.Pages;
import org.gatehouse.protocol.control.FormParser;
import org.gatehouse.protocol.entity.Endpoints;
import org.gatehouse.protocol.entity.Form;
import org.gatehouse.protocol.entity.Outcome;
import org.gatehouse.sessions.boundary.SessionCookie;

/**
 * {@code /connect/endsession} (OpenID Connect RP-Initiated Logout 1.0), GET and POST: the request, the
 * session cookie and whether the user confirmed go to {@link EndSession}; its step becomes a page.
 */
@Path(Endpoints.END_SESSION)
public class EndSessionResource {

    @Inject
    EndSession endSession;

    @Inject
    IssuerResolver issuers;

    @Inject
    Pages pages;

    @Inject
    Csrf csrf;

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
        var cookies = headers.getCookies();
        var step = parsed.fold(form -> step(form, post, uri, headers), EndSessionStep.ShowError::new);
        String base = uri.getBaseUri().getPath();
        if (step instanceof EndSessionStep.ShowError error) {
            return pages.error(base, error.error());
        }
        if (step instanceof EndSessionStep.Confirm confirm) {
            return pages.confirmSignOut(base, confirm.carried(), csrf.token(cookies), confirm.returnsTo().orElse(null));
        }
        var signedOut = (EndSessionStep.SignedOut) step;
        var answer = signedOut.returnTo().isPresent() && signedOut.frontChannelLogoutUris().isEmpty()
                // §3; 303: after the confirmation's POST, a GET
                ? Response.seeOther(URI.create(signedOut.returnTo().get())).header(HttpHeaders.CACHE_CONTROL, "no-store")
                : Response.fromResponse(pages.signedOut(base, signedOut.returnTo().orElse(null),
                        signedOut.frontChannelLogoutUris()));
        return answer.cookie(SessionCookie.cleared(), SessionCookie.clearedBrowserState()).build();
    }

    /** The user confirmed by posting the page's form with the browser's CSRF token; a GET never confirms. */
    private EndSessionStep step(Form form, boolean post, UriInfo uri, HttpHeaders headers) {
        boolean confirmed = post && csrf.accepts(headers, form.value(Csrf.FIELD).orElse(null), uri.getBaseUri());
        return EndSessionRequest.read(form).fold(request -> endSession.end(request, SessionCookie.handle(headers.getCookies()),
                confirmed, issuers.issuer(uri.getBaseUri())), EndSessionStep.ShowError::new);
    }
}
