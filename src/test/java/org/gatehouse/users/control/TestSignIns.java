package org.gatehouse.users.control;

import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import java.time.Clock;

/**
 * A real {@link PasswordSignIn}, its throttle and device cookies for tests of other packages, over the identity
 * stores given; {@link #deviceCookies} are the ones it verifies, for the control that issues them.
 */
public final class TestSignIns {

    private TestSignIns() {
    }

    public static PasswordSignIn of(IdentityStoreHandler identityStores, Clock clock) {
        var signIn = new PasswordSignIn();
        signIn.identityStores = identityStores;
        signIn.throttle = new SignInThrottle();
        signIn.throttle.clock = clock;
        signIn.deviceCookies = TestDeviceCookies.create();
        return signIn;
    }

    public static DeviceCookies deviceCookies(PasswordSignIn signIn) {
        return signIn.deviceCookies;
    }
}
