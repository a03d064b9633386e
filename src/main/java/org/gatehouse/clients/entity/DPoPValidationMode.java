package org.gatehouse.clients.entity;

import java.util.List;
import org.gatehouse.appsettings.DuendeEnum;

/** Duende's {@code DPoPTokenExpirationValidationMode} (a flags enum: 1 = iat, 2 = nonce). */
public enum DPoPValidationMode implements DuendeEnum {
    IAT(1, "Iat"),
    NONCE(2, "Nonce"),
    IAT_AND_NONCE(3, "IatAndNonce");

    private final int number;
    private final List<String> names;

    DPoPValidationMode(int number, String... names) {
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
