package org.gatehouse.sessions.control;

import com.nimbusds.jose.util.JSONObjectUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import org.gatehouse.grants.control.GrantStore;
import org.gatehouse.grants.entity.GrantType;
import org.gatehouse.sessions.entity.SessionOptions;
import org.gatehouse.sessions.entity.UserSession;

/**
 * Sessions are kept server side, in the grant store, under the handle the cookie carries: a stolen
 * database reveals no cookie, any node can read a session, and signing out ends it everywhere.
 */
@ApplicationScoped
public class SessionStore {

    /** Not a client: the session belongs to the server (the grant store's client column is required). */
    private static final String OWNER = "gatehouse";

    @Inject
    GrantStore grants;

    @Inject
    SessionOptions options;

    @Inject
    Clock clock;

    public record Started(String handle, UserSession session) {
    }

    public Started start(String subjectId, List<String> amr) {
        var session = new UserSession(GrantStore.newFamily(), subjectId, clock.instant(), List.copyOf(amr));
        var data = new LinkedHashMap<String, Object>();
        data.put("sid", session.sessionId());
        data.put("sub", subjectId);
        data.put("auth_time", session.authTime().getEpochSecond());
        data.put("amr", session.amr());
        String handle = grants.create(GrantType.USER_SESSION, OWNER, subjectId, session.sessionId(), session.sessionId(),
                options.cookieLifetime(), JSONObjectUtils.toJSONString(data));
        return new Started(handle, session);
    }

    public Optional<UserSession> find(String handle) {
        if (handle == null || handle.isEmpty() || handle.length() > 100) {
            return Optional.empty();
        }
        return grants.find(handle).filter(grant -> grant.type() == GrantType.USER_SESSION).map(grant -> {
            try {
                var data = JSONObjectUtils.parse(grant.data());
                return new UserSession(grant.sessionId(), grant.subjectId(),
                        Instant.ofEpochSecond(JSONObjectUtils.getLong(data, "auth_time")),
                        List.of(JSONObjectUtils.getStringArray(data, "amr")));
            } catch (ParseException e) {
                throw new IllegalStateException("stored session is not JSON", e);
            }
        });
    }

    public void end(String handle) {
        if (handle != null && !handle.isEmpty() && handle.length() <= 100) {
            grants.remove(handle);
        }
    }

    /** Ends a session by its id ({@code sid}): a session is the only grant of its family. */
    public void endSession(String sessionId) {
        if (sessionId != null && sessionId.length() <= 32) {
            grants.removeFamily(sessionId);
        }
    }

    public SessionOptions options() {
        return options;
    }
}
