package org.gatehouse.clients.entity;

/** Device flow and CIBA settings; null means the server-wide default. */
public record CrossDeviceSettings(
        Integer pollingInterval,
        String userCodeType,
        int deviceCodeLifetime,
        Integer cibaLifetime) {
}
