package org.gatehouse.authorize.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import java.util.Optional;
import org.gatehouse.authorize.control.AuthorizeRequestValidator;
import org.gatehouse.authorize.control.AuthorizeRequestValidator.Validated;
import org.gatehouse.authorize.entity.AuthorizeRequest;
import org.gatehouse.authorize.entity.AuthorizeStep;
import org.gatehouse.configuration.control.IssuerResolver;
import org.gatehouse.pages.boundary.Pages;
import org.gatehouse.protocol.control.FormParser;
import org.gatehouse.sessions.boundary.SessionCookie;
import org.gatehouse.sessions.control.SessionStore;
import org.gatehouse.sessions.entity.UserSession;

/**
 * What the authorization endpoint and its pages share: the request they carry (re-validated on every
 * step, since it travels through the browser), the session, and how each {@link AuthorizeStep} is answered.
 */
@ApplicationScoped
public class Interaction {

    @Inject
    AuthorizeRequestValidator validator;

    @Inject
    SessionStore sessions;

    @Inject
    IssuerResolver issuers;

    @Inject
    AuthorizeResponses responses;

    @Inject
    Pages pages;

    /** The carried request ({@code authorize}, form-encoded), validated; else the answer to give. */
    public Validated request(String encoded) {
        return FormParser.parseEncoded(encoded).fold(validator::validate,
                error -> new Validated.Invalid(new AuthorizeStep.ShowError(error.code(), error.description())));
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
            return pages.error(base, error.error(), error.description());
        }
        if (step instanceof AuthorizeStep.Respond respond) {
            return responses.deliver(respond, issuer(uri), base);
        }
        if (step instanceof AuthorizeStep.SignIn signIn) {
            return AuthorizeResponses.redirect(base + "account/login?" + carried(signIn.request()));
        }
        return AuthorizeResponses.redirect(base + "account/consent?" + carried(((AuthorizeStep.Consent) step).request()));
    }

    public static String carried(AuthorizeRequest request) {
        return request.parameters().encoded();
    }
}
