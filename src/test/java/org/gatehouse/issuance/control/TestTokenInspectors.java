package org.gatehouse.issuance.control;

import java.time.Clock;
import org.gatehouse.grants.control.GrantStore;
import org.gatehouse.keys.control.SigningKeys;

/** A real {@link TokenInspector} for tests of other packages, whose injected fields are package-private here. */
public final class TestTokenInspectors {

    private TestTokenInspectors() {
    }

    public static TokenInspector of(SigningKeys keys, GrantStore grants, Clock clock) {
        var inspector = new TokenInspector();
        inspector.keys = keys;
        inspector.grants = grants;
        inspector.revoked = revokedJwts(grants, clock);
        return inspector;
    }

    /** A revocation list on {@code grants} that syncs on the calling thread. */
    public static RevokedJwts revokedJwts(GrantStore grants, Clock clock) {
        var revoked = new RevokedJwts();
        revoked.grants = grants;
        revoked.clock = clock;
        revoked.syncs = Runnable::run;
        return revoked;
    }

    /** The revocation list {@code inspector} consults. */
    public static RevokedJwts revokedJwts(TokenInspector inspector) {
        return inspector.revoked;
    }

    /** Revokes families in {@code grants} and in the revocation list {@code inspector} consults. */
    public static FamilyRevocation families(TokenInspector inspector, GrantStore grants) {
        var families = new FamilyRevocation();
        families.grants = grants;
        families.revokedJwts = inspector.revoked;
        return families;
    }
}
