package org.gatehouse.par.control;

import java.time.Clock;
import org.gatehouse.grants.control.GrantStore;
import org.gatehouse.grants.control.TestGrantStores;
import org.gatehouse.par.entity.PushedAuthorizationOptions;

/** {@link PushedRequests} over an in-memory grant store, with Duende's default options. */
public final class TestPushedRequests {

    private TestPushedRequests() {
    }

    public static PushedRequests inMemory(Clock clock) {
        return over(TestGrantStores.inMemory(clock));
    }

    public static PushedRequests over(GrantStore grants) {
        var requests = new PushedRequests();
        requests.grants = grants;
        requests.options = PushedAuthorizationOptions.DEFAULTS;
        return requests;
    }
}
