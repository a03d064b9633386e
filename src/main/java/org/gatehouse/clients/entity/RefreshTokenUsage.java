package org.gatehouse.clients.entity;

import org.gatehouse.appsettings.DuendeValue;

/** Duende's {@code TokenUsage}; the client reference calls the one-time value {@code OneTime}. */
public enum RefreshTokenUsage {
    @DuendeValue(value = 0, names = "ReUse")
    REUSE,
    @DuendeValue(value = 1, names = {"OneTimeOnly", "OneTime"})
    ONE_TIME_ONLY
}
