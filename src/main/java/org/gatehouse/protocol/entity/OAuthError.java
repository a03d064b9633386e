package org.gatehouse.protocol.entity;

/**
 * An error response of RFC 6749 §5.2 (and the extensions' codes), with the HTTP status it is sent
 * with. Controls return these; only the boundary turns them into HTTP.
 */
public record OAuthError(String code, String description, int status) {

    public static OAuthError invalidRequest(String description) {
        return new OAuthError("invalid_request", description, 400);
    }

    /** RFC 6749 §5.2: 401, and the boundary adds {@code WWW-Authenticate} when Basic was used. */
    public static OAuthError invalidClient(String description) {
        return new OAuthError("invalid_client", description, 401);
    }

    public static OAuthError invalidGrant(String description) {
        return new OAuthError("invalid_grant", description, 400);
    }

    public static OAuthError unauthorizedClient(String description) {
        return new OAuthError("unauthorized_client", description, 400);
    }

    public static OAuthError unsupportedGrantType(String description) {
        return new OAuthError("unsupported_grant_type", description, 400);
    }

    public static OAuthError invalidScope(String description) {
        return new OAuthError("invalid_scope", description, 400);
    }

    /** RFC 8707 §2: the requested resource is invalid, unknown or malformed. */
    public static OAuthError invalidTarget(String description) {
        return new OAuthError("invalid_target", description, 400);
    }

    public static OAuthError serverError(String description) {
        return new OAuthError("server_error", description, 500);
    }
}
