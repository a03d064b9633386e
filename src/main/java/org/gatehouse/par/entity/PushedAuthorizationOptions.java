package org.gatehouse.par.entity;

import java.time.Duration;

/**
 * Duende's {@code PushedAuthorizationOptions} ({@code IdentityServer:PushedAuthorization}): whether every client must
 * push its authorization requests, and how long a pushed request stays usable unless the client's
 * {@code PushedAuthorizationLifetime} says otherwise.
 */
public record PushedAuthorizationOptions(boolean required, Duration lifetime) {

    /** Duende's defaults: not required, ten minutes. */
    public static final PushedAuthorizationOptions DEFAULTS = new PushedAuthorizationOptions(false, Duration.ofMinutes(10));
}
