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
        inspector.revoked = new RevokedJwts();
        inspector.revoked.grants = grants;
        inspector.revoked.clock = clock;
        inspector.revoked.syncs = Runnable::run;
        return inspector;
    }

    /** The revocation list {@code inspector} consults. */
    public static RevokedJwts revokedJwts(TokenInspector inspector) {
        return inspector.revoked;
    }
}
