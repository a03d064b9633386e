package org.gatehouse.authorize.entity;

import java.util.Map;
import org.gatehouse.protocol.entity.OAuthError;

/** What the authorization endpoint does next with a request. */
public sealed interface AuthorizeStep {

    /** The request cannot be trusted to redirect (unknown client, unregistered redirect URI): an error page. */
    record ShowError(OAuthError error) implements AuthorizeStep {
    }

    /** A response or error to the client's redirect URI; {@code parameters} in order, without {@code state}/{@code iss}. */
    record Respond(Redirection redirection, Map<String, String> parameters) implements AuthorizeStep {
    }

    /** The user must sign in first. */
    record SignIn(AuthorizeRequest request) implements AuthorizeStep {
    }

    /** The user ({@code subjectId}) must consent first. */
    record Consent(AuthorizeRequest request, String subjectId) implements AuthorizeStep {
    }
}
