package org.gatehouse.sessions.entity;

import java.time.Duration;

/** Duende's {@code Authentication} options: how long the session cookie lasts (default 10 hours). */
public record SessionOptions(Duration cookieLifetime) {

    public static final Duration DEFAULT_COOKIE_LIFETIME = Duration.ofHours(10);
}
