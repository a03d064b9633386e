package org.gatehouse.clients.entity;

import org.gatehouse.appsettings.DuendeValue;

/** Duende's {@code DPoPTokenExpirationValidationMode} (a flags enum: 1 = iat, 2 = nonce). */
public enum DPoPValidationMode {
    @DuendeValue(value = 1, names = "Iat")
    IAT,
    @DuendeValue(value = 2, names = "Nonce")
    NONCE,
    @DuendeValue(value = 3, names = "IatAndNonce")
    IAT_AND_NONCE
}
