package org.gatehouse.claims.control;

import org.gatehouse.resources.control.ResourceStore;
import org.gatehouse.users.control.UserProfiles;

/** A real {@link IdentityClaims} for tests of other packages, whose injected fields are package-private here. */
public final class TestIdentityClaims {

    private TestIdentityClaims() {
    }

    public static IdentityClaims of(ResourceStore resources, UserProfiles profiles) {
        var claims = new IdentityClaims();
        claims.resources = resources;
        claims.profiles = profiles;
        return claims;
    }
}
