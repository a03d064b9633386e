package org.gatehouse.authorize.control;

import static org.gatehouse.protocol.entity.ErrorCode.INVALID_REQUEST;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.gatehouse.authorize.control.AuthorizeRequestValidator.Validated;
import org.gatehouse.authorize.entity.AuthorizeStep;
import org.gatehouse.protocol.control.FormParser;
import org.gatehouse.protocol.entity.OAuthError;

/**
 * The authorization request the login and consent pages carry (form-encoded, in their query or the hidden
 * {@code authorize} field). It travels through the browser, so every step validates it again, here, in full:
 * nothing the browser could alter is trusted.
 */
@ApplicationScoped
public class CarriedRequests {

    /** A page's form without the CSRF token of the browser's cookie: stale, or posted from elsewhere. */
    public static final OAuthError EXPIRED_FORM = new OAuthError(INVALID_REQUEST,
            "The form has expired. Go back to the application and start again.");

    @Inject
    AuthorizeRequestValidator validator;

    /** The request, validated; else the answer to give. */
    public Validated validate(String encoded) {
        return FormParser.parseEncoded(encoded).fold(validator::validateCarried,
                error -> new Validated.Invalid(new AuthorizeStep.ShowError(error)));
    }
}
