package org.gatehouse.protocol.entity;

/**
 * An error response of RFC 6749 §5.2 (and the extensions' codes), with the HTTP status it is sent
 * with. Controls return these; only the boundary turns them into HTTP.
 */
public record OAuthError(String code, String description, int status) {

    private static final int MAX_DESCRIPTION = 300;

    /**
     * RFC 6749 §5.2: error_description holds only %x20-21 / %x23-5B / %x5D-7E. Descriptions may quote
     * what a client sent, so anything else is replaced, and the length is bounded.
     */
    public OAuthError {
        if (description != null) {
            var clean = new StringBuilder(Math.min(description.length(), MAX_DESCRIPTION));
            description.codePoints().limit(MAX_DESCRIPTION).forEach(c ->
                    clean.append(c >= 0x20 && c <= 0x7E && c != '"' && c != '\\' ? (char) c : '?'));
            description = clean.toString();
        }
    }

    public static OAuthError invalidRequest(String description) {
        return new OAuthError("invalid_request", description, 400);
    }

    /** RFC 6749 §5.2: 401; the boundary adds the {@code WWW-Authenticate} challenge. */
    public static OAuthError invalidClient(String description) {
        return new OAuthError("invalid_client", description, 401);
    }

    /** RFC 6749 §5.2: also a token "issued to another client". */
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
