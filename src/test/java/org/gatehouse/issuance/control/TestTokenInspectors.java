package org.gatehouse.issuance.control;

import org.gatehouse.grants.control.GrantStore;
import org.gatehouse.keys.control.SigningKeys;

/** A real {@link TokenInspector} for tests of other packages, whose injected fields are package-private here. */
public final class TestTokenInspectors {

    private TestTokenInspectors() {
    }

    public static TokenInspector of(SigningKeys keys, GrantStore grants) {
        var inspector = new TokenInspector();
        inspector.keys = keys;
        inspector.grants = grants;
        return inspector;
    }
}
