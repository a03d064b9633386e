package org.gatehouse.clients.entity;

import java.util.List;
import org.gatehouse.appsettings.DuendeEnum;

/** Duende's {@code TokenUsage}; the client reference calls the one-time value {@code OneTime}. */
public enum RefreshTokenUsage implements DuendeEnum {
    REUSE(0, "ReUse"),
    ONE_TIME_ONLY(1, "OneTimeOnly", "OneTime");

    private final int number;
    private final List<String> names;

    RefreshTokenUsage(int number, String... names) {
        this.number = number;
        this.names = List.of(names);
    }

    @Override
    public int number() {
        return number;
    }

    @Override
    public List<String> names() {
        return names;
    }
}
