package org.gatehouse.clients.entity;

import java.util.List;
import org.gatehouse.appsettings.DuendeEnum;

/** Duende's {@code AccessTokenType}: a self-contained JWT, or an opaque reference to stored data. */
public enum AccessTokenType implements DuendeEnum {
    JWT(0, "Jwt"),
    REFERENCE(1, "Reference");

    private final int number;
    private final List<String> names;

    AccessTokenType(int number, String... names) {
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
