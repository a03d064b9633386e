package org.gatehouse.authorize.entity;

import java.util.Optional;

/**
 * How an authorization response travels back (OAuth 2.0 Multiple Response Type Encoding Practices; Form Post; JARM,
 * the JWT Secured Authorization Response Mode). A {@code .jwt} mode carries the parameters as one signed JWT in the
 * {@code response} parameter, over the transport of its plain mode. JARM's bare {@code jwt} is resolved to
 * {@code query.jwt} or {@code fragment.jwt} by the response type (JARM §2.3.4) before a mode is used.
 */
public enum ResponseMode {
    QUERY("query", null),
    FRAGMENT("fragment", null),
    FORM_POST("form_post", null),
    QUERY_JWT("query.jwt", QUERY),
    FRAGMENT_JWT("fragment.jwt", FRAGMENT),
    FORM_POST_JWT("form_post.jwt", FORM_POST),
    /** JARM §2.3.4: the response type's default transport, as a JWT. */
    JWT("jwt", null);

    private final String wire;
    private final ResponseMode transport;

    ResponseMode(String wire, ResponseMode transport) {
        this.wire = wire;
        this.transport = transport;
    }

    public String wire() {
        return wire;
    }

    /** Whether the response is a JWT (JARM). */
    public boolean isJwt() {
        return transport != null || this == JWT;
    }

    /** How the response travels: {@link #QUERY}, {@link #FRAGMENT} or {@link #FORM_POST}. */
    public ResponseMode transport() {
        return transport != null ? transport : this;
    }

    /** This mode with the response type's default transport ({@code fragment} unless {@code query}) where it has none. */
    public ResponseMode resolved(ResponseMode defaultTransport) {
        if (this != JWT) {
            return this;
        }
        return defaultTransport == QUERY ? QUERY_JWT : FRAGMENT_JWT;
    }

    public static Optional<ResponseMode> of(String wire) {
        for (var mode : values()) {
            if (mode.wire.equals(wire)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
