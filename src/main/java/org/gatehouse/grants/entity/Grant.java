package org.gatehouse.grants.entity;

import java.time.Instant;

/** A persisted grant as the protocol code sees it: decrypted, with times as instants. */
public record Grant(GrantType type, String clientId, String subjectId, String sessionId, String familyId,
        Instant created, Instant expires, Instant consumed, String data) {

    public boolean isConsumed() {
        return consumed != null;
    }
}
