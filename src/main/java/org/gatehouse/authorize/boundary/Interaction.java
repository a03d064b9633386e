package org.gatehouse.authorize.boundary;

import static org.gatehouse.protocol.entity.ErrorCode.INVALID_REQUEST;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.gatehouse.authorize.control.AuthorizeRequestValidator;
import org.gatehouse.authorize.control.AuthorizeRequestValidator.Validated;
import org.gatehouse.authorize.entity.AuthorizeRequest;
import org.gatehouse.authorize.entity.AuthorizeStep;
import org.gatehouse.configuration.control.IssuerResolver;
import org.gatehouse.pages.boundary.Csrf;
import org.gatehouse.pages.boundary.Pages;
import org.gatehouse.protocol.control.FormParser;
import org.gatehouse.protocol.entity.Form;
import org.gatehouse.protocol.entity.OAuthError;
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
                error -> new Validated.Invalid(new AuthorizeStep.ShowError(error)));
    }

    /**
     * A page's form as posted, handed to {@code then} with the request it carries when it is well-formed, has
     * the CSRF token of the browser's cookie and carries a valid authorization request; else the answer to that.
     */
    public Response posted(String contentType, InputStream body, HttpHeaders headers, UriInfo uri,
            BiFunction<Form, AuthorizeRequest, Response> then) {
        return FormParser.parse(contentType, body).fold(form -> {
            if (!Csrf.matches(headers.getCookies(), form.value(Csrf.FIELD).orElse(null))) {
                return pages.error(base(uri), new OAuthError(INVALID_REQUEST,
                        "The form has expired. Go back to the application and start again."));
            }
            return request(form.value("authorize").orElse("")).fold(request -> then.apply(form, request),
                    answer -> answer(answer, uri));
        }, error -> pages.error(base(uri), error));
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
            return AuthorizeResponses.redirect(base + "account/login?" + carried(signIn.request()));
        }
        return AuthorizeResponses.redirect(base + "account/consent?" + carried(((AuthorizeStep.Consent) step).request()));
    }

    private static String carried(AuthorizeRequest request) {
        return request.parameters().encoded();
    }
}
