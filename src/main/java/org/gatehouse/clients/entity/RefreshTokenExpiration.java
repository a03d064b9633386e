package org.gatehouse.clients.entity;

import java.util.List;
import org.gatehouse.appsettings.DuendeEnum;

/** Duende's {@code TokenExpiration}. */
public enum RefreshTokenExpiration implements DuendeEnum {
    SLIDING(0, "Sliding"),
    ABSOLUTE(1, "Absolute");

    private final int number;
    private final List<String> names;

    RefreshTokenExpiration(int number, String... names) {
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
