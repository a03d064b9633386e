package org.gatehouse.sessions.entity;

import java.time.Duration;

/**
 * Duende's {@code Authentication} options: how long the session cookie lasts (default 10 hours), and whether clients
 * tie their tokens to the session unless they say otherwise ({@code CoordinateClientLifetimesWithUserSession},
 * default false).
 */
public record SessionOptions(Duration cookieLifetime, boolean coordinateClientLifetimes) {

    public static final Duration DEFAULT_COOKIE_LIFETIME = Duration.ofHours(10);
}
