package org.gatehouse.grants.entity;

import java.time.Duration;

/** The removal of expired grants, with the defaults of Duende's operational store (every hour, 100 a batch). */
public record TokenCleanupOptions(boolean enabled, Duration interval, int batchSize) {
}
