package org.gatehouse.grants.entity;

/** What a persisted grant is; stored by name. Codes, consents and device codes join as their flows arrive. */
public enum GrantType {
    REFERENCE_TOKEN,
    REFRESH_TOKEN
}
