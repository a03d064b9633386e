package org.gatehouse.sessions.control;

import com.nimbusds.jose.util.JSONObjectUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gatehouse.grants.control.GrantStore;
import org.gatehouse.grants.entity.Grant;
import org.gatehouse.grants.entity.GrantType;
import org.gatehouse.sessions.entity.SessionOptions;
import org.gatehouse.sessions.entity.UserSession;

/**
 * Sessions are kept server side, in the grant store, under the handle the cookie carries: a stolen
 * database reveals no cookie, any node can read a session, and signing out ends it everywhere. A session is
 * the only grant of its family, whose id is the session's {@code sid}.
 */
@ApplicationScoped
public class SessionStore {

    /** Not a client: the session belongs to the server (the grant store's client column is required). */
    private static final String OWNER = "gatehouse";
    private static final int MAX_HANDLE_LENGTH = 100;
    private static final int SESSION_ID_LENGTH = 32;

    @Inject
    GrantStore grants;

    @Inject
    SessionOptions options;

    @Inject
    Clock clock;

    public record Started(String handle, UserSession session) {
    }

    /**
     * A new sign-in. Continuing a session of the same user, it keeps that session's {@code sid} and clients, under
     * a new handle (the old cookie is worth nothing from now on, against session fixation).
     */
    public Started start(String subjectId, List<String> amr, Optional<UserSession> continued) {
        continued.ifPresent(this::remove);
        Instant now = clock.instant();
        var session = new UserSession(continued.map(UserSession::sessionId).orElseGet(GrantStore::newFamily), subjectId,
                now, amr, continued.map(UserSession::clientIds).orElse(Set.of()), options.expiry(now, now));
        String handle = grants.create(GrantType.USER_SESSION, OWNER, subjectId, session.sessionId(), session.sessionId(),
                Duration.between(now, session.expires()), data(session));
        return new Started(handle, session);
    }

    /** The session behind a cookie's handle. */
    public Optional<UserSession> find(String handle) {
        return isHandle(handle) ? grants.find(handle).flatMap(SessionStore::session) : Optional.empty();
    }

    /** The session by its {@code sid}, while it lasts. */
    public Optional<UserSession> findById(String sessionId) {
        return isSessionId(sessionId) ? grants.findInSession(sessionId, GrantType.USER_SESSION).flatMap(SessionStore::session)
                : Optional.empty();
    }

    /** A user's sessions, oldest first. */
    public List<UserSession> findOfSubject(String subjectId) {
        return grants.findOfSubject(subjectId, GrantType.USER_SESSION).stream().map(SessionStore::session)
                .flatMap(Optional::stream).toList();
    }

    /**
     * Records that the session signed the user into {@code clientId}, so that its end tells that client, and that it
     * was used now, which moves an idle timeout on. Written once per client and session (under a row lock, so that
     * two clients signed into at once are both kept), and for the idle timeout at most once per tenth of it.
     */
    public void signedInto(UserSession session, String clientId) {
        options.idleTimeout().ifPresent(idle -> {
            var expiry = options.expiry(session.authTime(), clock.instant());
            if (Duration.between(session.expires(), expiry).compareTo(idle.dividedBy(10)) > 0) {
                grants.extendInSession(session.sessionId(), GrantType.USER_SESSION, expiry);
            }
        });
        if (session.clientIds().contains(clientId)) {
            return;
        }
        grants.updateInSession(session.sessionId(), GrantType.USER_SESSION, data -> {
            try {
                var stored = JSONObjectUtils.parse(data);
                var clients = new ArrayList<>(clientIds(stored));
                if (!clients.contains(clientId)) {
                    clients.add(clientId);
                }
                stored.put("clients", clients);
                return JSONObjectUtils.toJSONString(stored);
            } catch (ParseException e) {
                throw new IllegalStateException("stored session is not JSON", e);
            }
        });
    }

    /**
     * Removes the session: it is over on every node. Ending it completely, clients told, is {@code SessionEnd}'s.
     * False if it was gone already (another request, or node, ended it).
     */
    public boolean remove(UserSession session) {
        return grants.removeFamily(session.sessionId()) > 0;
    }

    /** Up to {@code max} sessions past their lifetime, still stored: those the cleanup has not ended yet. */
    public List<UserSession> findExpired(int max) {
        return grants.findExpired(GrantType.USER_SESSION, max).stream().map(SessionStore::session).flatMap(Optional::stream)
                .toList();
    }

    public SessionOptions options() {
        return options;
    }

    private static boolean isHandle(String handle) {
        return handle != null && !handle.isEmpty() && handle.length() <= MAX_HANDLE_LENGTH;
    }

    private static boolean isSessionId(String sessionId) {
        return sessionId != null && sessionId.length() == SESSION_ID_LENGTH;
    }

    private static String data(UserSession session) {
        var data = new LinkedHashMap<String, Object>();
        data.put("sid", session.sessionId());
        data.put("sub", session.subjectId());
        data.put("auth_time", session.authTime().getEpochSecond());
        data.put("amr", session.amr());
        data.put("clients", List.copyOf(session.clientIds()));
        return JSONObjectUtils.toJSONString(data);
    }

    private static Optional<UserSession> session(Grant grant) {
        if (grant.type() != GrantType.USER_SESSION) {
            return Optional.empty();
        }
        try {
            var data = JSONObjectUtils.parse(grant.data());
            return Optional.of(new UserSession(grant.sessionId(), grant.subjectId(),
                    Instant.ofEpochSecond(JSONObjectUtils.getLong(data, "auth_time")),
                    List.of(JSONObjectUtils.getStringArray(data, "amr")), Set.copyOf(clientIds(data)), grant.expires()));
        } catch (ParseException e) {
            throw new IllegalStateException("stored session is not JSON", e);
        }
    }

    /** Sessions stored before clients were recorded have none. */
    private static List<String> clientIds(Map<String, Object> data) throws ParseException {
        return data.containsKey("clients") ? List.of(JSONObjectUtils.getStringArray(data, "clients")) : List.of();
    }
}
