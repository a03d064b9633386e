package org.gatehouse.protocol.entity;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every error code Gatehouse answers with: its wire value, the HTTP status it is sent with when the
 * answer is HTTP (a redirect to the client carries no status of its own), and the specification that
 * defines it. {@link OAuthError} is built from these only.
 */
public enum ErrorCode {

    /** RFC 6749 §5.2, §4.1.2.1. */
    INVALID_REQUEST("invalid_request", 400),
    /** RFC 6749 §5.2: 401; the boundary adds the {@code WWW-Authenticate} challenge. */
    INVALID_CLIENT("invalid_client", 401),
    /** RFC 6749 §5.2: also a token "issued to another client". */
    INVALID_GRANT("invalid_grant", 400),
    /** RFC 6749 §5.2, §4.1.2.1. */
    UNAUTHORIZED_CLIENT("unauthorized_client", 400),
    /** RFC 6749 §5.2. */
    UNSUPPORTED_GRANT_TYPE("unsupported_grant_type", 400),
    /** RFC 6749 §5.2, §4.1.2.1. */
    INVALID_SCOPE("invalid_scope", 400),
    /** RFC 8707 §2: the requested resource is invalid, unknown or malformed. */
    INVALID_TARGET("invalid_target", 400),
    /** RFC 6749 §4.1.2.1. */
    ACCESS_DENIED("access_denied", 400),
    /** RFC 6749 §4.1.2.1. */
    UNSUPPORTED_RESPONSE_TYPE("unsupported_response_type", 400),
    /** RFC 6749 §4.1.2.1 (an authorization error), and 500 where it is HTTP. */
    SERVER_ERROR("server_error", 500),
    /** RFC 6749 §4.1.2.1; 503 where it is HTTP, with {@code Retry-After}. */
    TEMPORARILY_UNAVAILABLE("temporarily_unavailable", 503),
    /** OIDC Core §3.1.2.6. */
    LOGIN_REQUIRED("login_required", 400),
    /** OIDC Core §3.1.2.6. */
    CONSENT_REQUIRED("consent_required", 400),
    /** OIDC Core §3.1.2.6. */
    REQUEST_NOT_SUPPORTED("request_not_supported", 400),
    /** OIDC Core §3.1.2.6. */
    REQUEST_URI_NOT_SUPPORTED("request_uri_not_supported", 400),
    /** RFC 9101 §6.2, RFC 9126 §4: a {@code request_uri} unknown, expired, used or another client's. */
    INVALID_REQUEST_URI("invalid_request_uri", 400),
    /** OIDC Core §3.1.2.6, RFC 9101 §6.2: a request object that is invalid or fails verification. */
    INVALID_REQUEST_OBJECT("invalid_request_object", 400),
    /** OIDC Core §3.1.2.6. */
    REGISTRATION_NOT_SUPPORTED("registration_not_supported", 400),
    /** OpenID Connect Core Unmet Authentication Requirements 1.0 §2: an essential {@code acr} Gatehouse cannot meet. */
    UNMET_AUTHENTICATION_REQUIREMENTS("unmet_authentication_requirements", 400),
    /** RFC 6750 §3.1. */
    INVALID_TOKEN("invalid_token", 401),
    /** RFC 6750 §3.1. */
    INSUFFICIENT_SCOPE("insufficient_scope", 403),
    /** RFC 7009 §2.2.1. */
    UNSUPPORTED_TOKEN_TYPE("unsupported_token_type", 400),
    /** RFC 9449 §5 at the token endpoint; a resource answers it with 401 and a {@code DPoP} challenge (§7.1). */
    INVALID_DPOP_PROOF("invalid_dpop_proof", 400),
    /** RFC 9449 §8: the proof lacks the server's nonce; the answer carries a fresh one in {@code DPoP-Nonce}. */
    USE_DPOP_NONCE("use_dpop_nonce", 400);

    private final String code;
    private final int status;

    ErrorCode(String code, int status) {
        this.code = code;
        this.status = status;
    }

    /** The value of the {@code error} parameter. */
    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    /** The error code whose wire value is {@code code}. */
    public static Optional<ErrorCode> of(String code) {
        return Arrays.stream(values()).filter(error -> error.code.equals(code)).findFirst();
    }
}
