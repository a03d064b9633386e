package org.gatehouse.sessions.entity;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Duende's {@code Authentication} options: how long the session cookie lasts (default 10 hours), and whether clients
 * tie their tokens to the session unless they say otherwise ({@code CoordinateClientLifetimesWithUserSession},
 * default false), and Gatehouse's idle timeout: a session unused for that long ends before its lifetime.
 */
public record SessionOptions(Duration cookieLifetime, boolean coordinateClientLifetimes, Optional<Duration> idleTimeout) {

    public static final Duration DEFAULT_COOKIE_LIFETIME = Duration.ofHours(10);

    /** When a session signed in at {@code authTime} and last used at {@code used} ends. */
    public Instant expiry(Instant authTime, Instant used) {
        var absolute = authTime.plus(cookieLifetime);
        var idle = idleTimeout.map(used::plus).orElse(absolute);
        return idle.isBefore(absolute) ? idle : absolute;
    }
}
