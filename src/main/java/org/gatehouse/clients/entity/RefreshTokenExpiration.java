package org.gatehouse.clients.entity;

import org.gatehouse.appsettings.DuendeValue;

/** Duende's {@code TokenExpiration}. */
public enum RefreshTokenExpiration {
    @DuendeValue(value = 0, names = "Sliding")
    SLIDING,
    @DuendeValue(value = 1, names = "Absolute")
    ABSOLUTE
}
