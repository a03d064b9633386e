package org.gatehouse.sessions.control;

import java.time.Clock;
import java.util.Optional;
import org.gatehouse.grants.control.GrantStore;
import org.gatehouse.sessions.entity.SessionOptions;

/** A real {@link SessionStore} for tests of other packages, whose injected fields are package-private here. */
public final class TestSessionStores {

    private TestSessionStores() {
    }

    public static SessionStore of(GrantStore grants, Clock clock) {
        var sessions = new SessionStore();
        sessions.grants = grants;
        sessions.options = new SessionOptions(SessionOptions.DEFAULT_COOKIE_LIFETIME, false, Optional.empty());
        sessions.clock = clock;
        return sessions;
    }
}
