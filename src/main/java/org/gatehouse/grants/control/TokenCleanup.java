package org.gatehouse.grants.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.gatehouse.grants.entity.TokenCleanupOptions;
import org.gatehouse.replay.control.UsedValues;

/**
 * Removes expired grants, and values that can no longer be replayed, batch by batch, each in its own short transaction, for at most a bounded time
 * per run so that a backlog never holds locks or a thread for long. Safe on several nodes at once.
 */
@ApplicationScoped
public class TokenCleanup {

    private static final Logger LOG = Logger.getLogger(TokenCleanup.class.getName());
    static final Duration TIME_BUDGET = Duration.ofSeconds(30);

    @Inject
    GrantStore grants;

    @Inject
    UsedValues usedValues;

    @Inject
    TokenCleanupOptions options;

    @Inject
    Clock clock;

    /** @return how many grants were removed */
    public int run() {
        long deadline = clock.millis() + TIME_BUDGET.toMillis();
        int removed = 0;
        try {
            int batch;
            do {
                batch = grants.removeExpired(options.batchSize());
                removed += batch;
            } while (batch == options.batchSize() && clock.millis() < deadline);
            do {
                batch = usedValues.removeExpired(options.batchSize());
            } while (batch == options.batchSize() && clock.millis() < deadline);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Token cleanup failed after removing " + removed + " expired grant(s); will retry", e);
        }
        if (removed > 0) {
            LOG.info("Token cleanup removed " + removed + " expired grant(s)");
        }
        return removed;
    }
}
