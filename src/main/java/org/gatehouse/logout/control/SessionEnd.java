package org.gatehouse.logout.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.gatehouse.clients.control.ClientStore;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.configuration.entity.Feature;
import org.gatehouse.configuration.entity.Features;
import org.gatehouse.grants.control.GrantStore;
import org.gatehouse.issuance.control.FamilyRevocation;
import org.gatehouse.protocol.entity.Form;
import org.gatehouse.sessions.control.SessionStore;
import org.gatehouse.sessions.entity.SessionOptions;
import org.gatehouse.sessions.entity.UserSession;

/**
 * The end of a user's session, however it comes (the user signing out, another user signing in, the session
 * expiring): the session is removed; the tokens of the clients that coordinate their lifetime with it are revoked;
 * every client it signed into that has a {@code BackChannelLogoutUri} gets a logout token (through the outbox, in
 * the same transaction); and the front-channel logout URIs to render are returned. One transaction: either the
 * session is over and every client will be told, or nothing changed.
 */
@ApplicationScoped
public class SessionEnd {

    @Inject
    SessionStore sessions;

    @Inject
    ClientStore clients;

    @Inject
    GrantStore grants;

    @Inject
    FamilyRevocation revocation;

    @Inject
    BackChannelLogout backChannel;

    @Inject
    Features features;

    @Inject
    SessionOptions options;

    /** @return the front-channel logout URIs of the session's clients (OpenID Connect Front-Channel Logout 1.0 §2) */
    @Transactional
    public List<String> end(UserSession session, String issuer) {
        if (!sessions.remove(session)) {
            return List.of(); // ended meanwhile, by another request or node: its clients are told by that one
        }
        var signedInto = session.clientIds().stream().map(clients::find).flatMap(Optional::stream).toList();
        var coordinated = signedInto.stream().filter(this::coordinatesLifetime).toList();
        var families = grants.familiesInSession(session.sessionId(),
                coordinated.stream().map(Client::clientId).collect(Collectors.toSet()));
        for (var client : coordinated) {
            families.getOrDefault(client.clientId(), Set.of()).forEach(family -> revocation.revoke(client, family));
        }
        var frontChannel = new ArrayList<String>();
        for (var client : signedInto.stream().filter(Client::enabled).toList()) { // a disabled client is told nothing
            var logout = client.logout();
            if (features.isOn(Feature.BACK_CHANNEL_LOGOUT) && logout.backChannelLogoutUri() != null) {
                backChannel.add(client, session.subjectId(), session.sessionId(), issuer);
            }
            if (features.isOn(Feature.FRONT_CHANNEL_LOGOUT) && logout.frontChannelLogoutUri() != null) {
                frontChannel.add(frontChannelUri(client, issuer, session.sessionId()));
            }
        }
        return frontChannel;
    }

    /**
     * A user who may no longer sign in (removed, or the password changed): every session ends as by a logout, and
     * everything the user holds (refresh and reference tokens, codes, consents; JWT access tokens to introspection
     * and userinfo) is revoked.
     *
     * @param issuer the issuer of the logout tokens, or null to end the sessions without them
     */
    @Transactional
    public void endAllOf(String subjectId, String issuer) {
        for (var session : sessions.findOfSubject(subjectId)) {
            if (issuer == null) {
                sessions.remove(session);
            } else {
                end(session, issuer);
            }
        }
        grants.familiesOfSubject(subjectId).forEach((clientId, families) -> families.forEach(family -> clients.find(clientId)
                .ifPresentOrElse(client -> revocation.revoke(client, family), () -> grants.removeFamily(family))));
    }

    /** Duende: the client's CoordinateLifetimeWithUserSession, else the global CoordinateClientLifetimesWithUserSession. */
    public boolean coordinatesLifetime(Client client) {
        var own = client.logout().coordinateLifetimeWithUserSession();
        return own != null ? own : options.coordinateClientLifetimes();
    }

    /** Front-Channel Logout 1.0 §2: with FrontChannelLogoutSessionRequired, {@code iss} and {@code sid} are added. */
    static String frontChannelUri(Client client, String issuer, String sessionId) {
        String uri = client.logout().frontChannelLogoutUri();
        if (!client.logout().frontChannelLogoutSessionRequired()) {
            return uri;
        }
        return uri + (uri.contains("?") ? "&" : "?") + "iss=" + Form.encode(issuer) + "&sid=" + Form.encode(sessionId);
    }
}
