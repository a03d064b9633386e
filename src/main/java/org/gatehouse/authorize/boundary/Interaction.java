package org.gatehouse.authorize.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.gatehouse.authorize.control.CarriedRequests;
import org.gatehouse.authorize.entity.AuthorizeRequest;
import org.gatehouse.authorize.entity.AuthorizeStep;
import org.gatehouse.configuration.control.IssuerResolver;
import org.gatehouse.pages.boundary.Csrf;
import org.gatehouse.pages.boundary.Pages;
import org.gatehouse.protocol.control.FormParser;
import org.gatehouse.protocol.entity.Endpoints;
import org.gatehouse.protocol.entity.Form;
import org.gatehouse.protocol.entity.OAuthError;
import org.gatehouse.protocol.entity.Outcome;
import org.gatehouse.sessions.boundary.SessionCookie;
import org.gatehouse.sessions.control.SessionStore;
import org.gatehouse.sessions.entity.UserSession;

/**
 * The HTTP the authorization endpoint and its pages share: a page's posted form, the session cookie, the
 * issuer, and how each {@link AuthorizeStep} is answered.
 */
@ApplicationScoped
public class Interaction {

    @Inject
    SessionStore sessions;

    @Inject
    IssuerResolver issuers;

    @Inject
    AuthorizeResponses responses;

    @Inject
    Pages pages;

    @Inject
    Csrf csrf;

    /**
     * A page's form as posted, handed to {@code then} when it is well-formed and has the CSRF token of the
     * browser's cookie; else the error page.
     */
    public Response posted(String contentType, InputStream body, HttpHeaders headers, UriInfo uri,
            Function<Form, Response> then) {
        return form(contentType, body, headers, uri).fold(then, error -> pages.error(base(uri), error));
    }

    /** A page's form as posted, when it is well-formed and has the CSRF token of the browser's cookie. */
    public Outcome<Form> form(String contentType, InputStream body, HttpHeaders headers, UriInfo uri) {
        return FormParser.parse(contentType, body).then(form -> csrf.accepts(headers, form.value(Csrf.FIELD).orElse(null),
                uri.getBaseUri()) ? Outcome.success(form) : Outcome.failure(CarriedRequests.EXPIRED_FORM));
    }

    public Response error(UriInfo uri, OAuthError error) {
        return pages.error(base(uri), error);
    }

    public Optional<UserSession> session(Map<String, Cookie> cookies) {
        return sessions.find(SessionCookie.handle(cookies));
    }

    public String issuer(UriInfo uri) {
        return issuers.issuer(uri.getBaseUri());
    }

    public static String base(UriInfo uri) {
        return uri.getBaseUri().getPath();
    }

    public Response answer(AuthorizeStep step, UriInfo uri) {
        String base = base(uri);
        if (step instanceof AuthorizeStep.ShowError error) {
            return pages.error(base, error.error());
        }
        if (step instanceof AuthorizeStep.Respond respond) {
            return responses.deliver(respond, issuer(uri), base);
        }
        if (step instanceof AuthorizeStep.SignIn signIn) {
            return AuthorizeResponses.redirect(base + Endpoints.LOGIN + "?" + carried(signIn.request()));
        }
        return AuthorizeResponses.redirect(base + Endpoints.CONSENT + "?" + carried(((AuthorizeStep.Consent) step).request()));
    }

    private static String carried(AuthorizeRequest request) {
        return request.carried().encoded();
    }
}
