package org.gatehouse.clients.entity;

import org.gatehouse.appsettings.DuendeValue;

/** Duende's {@code AccessTokenType}: a self-contained JWT, or an opaque reference to stored data. */
public enum AccessTokenType {
    @DuendeValue(value = 0, names = "Jwt")
    JWT,
    @DuendeValue(value = 1, names = "Reference")
    REFERENCE
}
