package org.gatehouse.authorize.entity;

import java.util.Optional;

/** How an authorization response travels back (OAuth 2.0 Multiple Response Type Encoding Practices; Form Post). */
public enum ResponseMode {
    QUERY("query"),
    FRAGMENT("fragment"),
    FORM_POST("form_post");

    private final String wire;

    ResponseMode(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
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
