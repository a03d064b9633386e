package org.gatehouse.clients.entity;

import java.time.Duration;

/** Demonstrating Proof-of-Possession (RFC 9449) requirements of a client. */
public record DPoPSettings(boolean requireDPoP, DPoPValidationMode validationMode, Duration clockSkew) {
}
