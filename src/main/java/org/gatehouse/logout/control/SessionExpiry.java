package org.gatehouse.logout.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.gatehouse.configuration.entity.GatehouseSettings;
import org.gatehouse.grants.entity.TokenCleanupOptions;
import org.gatehouse.sessions.control.SessionStore;

/**
 * Ends the sessions that expired, as a logout would (Back-Channel Logout 1.0 §2.7 allows an OP to send logout tokens
 * for any session it ends): their clients get logout tokens, and coordinated clients lose their tokens. Runs before
 * each token cleanup, batch by batch for a bounded time; on several nodes at once, each session is ended by one.
 */
@ApplicationScoped
public class SessionExpiry {

    private static final Logger LOG = Logger.getLogger(SessionExpiry.class.getName());
    static final Duration TIME_BUDGET = Duration.ofSeconds(30);

    @Inject
    SessionStore sessions;

    @Inject
    SessionEnd sessionEnd;

    @Inject
    GatehouseSettings settings;

    @Inject
    TokenCleanupOptions options;

    @Inject
    Clock clock;

    /** @return how many expired sessions were ended */
    public int run() {
        long deadline = clock.millis() + TIME_BUDGET.toMillis();
        String issuer = settings.issuerUri();
        int ended = 0;
        try {
            int batch;
            do {
                var expired = sessions.findExpired(options.batchSize());
                batch = expired.size();
                for (var session : expired) {
                    if (issuer == null) { // development without an issuer: no logout token can say who sends it
                        sessions.remove(session);
                    } else {
                        sessionEnd.end(session, issuer);
                    }
                    ended++;
                }
            } while (batch == options.batchSize() && clock.millis() < deadline);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Ending expired sessions failed after " + ended + "; will retry", e);
        }
        if (ended > 0) {
            LOG.info("Ended " + ended + " expired session(s)");
        }
        return ended;
    }
}
