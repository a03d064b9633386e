package org.gatehouse.users.control;

import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import java.time.Clock;

/** A real {@link PasswordSignIn} and its throttle for tests of other packages, over the identity stores given. */
public final class TestSignIns {

    private TestSignIns() {
    }

    public static PasswordSignIn of(IdentityStoreHandler identityStores, Clock clock) {
        var signIn = new PasswordSignIn();
        signIn.identityStores = identityStores;
        signIn.throttle = new SignInThrottle();
        signIn.throttle.clock = clock;
        return signIn;
    }
}
