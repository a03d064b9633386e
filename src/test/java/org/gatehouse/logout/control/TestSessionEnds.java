package org.gatehouse.logout.control;

import java.util.EnumSet;
import org.gatehouse.clients.control.ClientStore;
import org.gatehouse.configuration.entity.Feature;
import org.gatehouse.configuration.entity.Features;
import org.gatehouse.grants.control.GrantStore;
import org.gatehouse.issuance.control.FamilyRevocation;
import org.gatehouse.sessions.control.SessionStore;

/**
 * A real {@link SessionEnd} for unit tests of other packages: sessions removed, coordinated tokens revoked,
 * front-channel URIs returned. Back-channel logout needs the database outbox, so it is switched off here; its tests
 * are black-box ({@code BackChannelLogoutIT}).
 */
public final class TestSessionEnds {

    private TestSessionEnds() {
    }

    public static SessionEnd of(SessionStore sessions, ClientStore clients, GrantStore grants, FamilyRevocation revocation) {
        var end = new SessionEnd();
        end.sessions = sessions;
        end.clients = clients;
        end.grants = grants;
        end.revocation = revocation;
        end.features = new Features(EnumSet.complementOf(EnumSet.of(Feature.BACK_CHANNEL_LOGOUT)));
        end.options = sessions.options();
        return end;
    }
}
