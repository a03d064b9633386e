package org.gatehouse.replay.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import org.gatehouse.protocol.control.Digests;

/**
 * Accepts a value once across all nodes: the database's primary key decides, so two nodes receiving the same
 * proof at the same instant cannot both accept it (RFC 9449 §11.1). A database that is away is an outage, not a
 * replay: its exception travels on (503), never a refusal that blames the client.
 */
@ApplicationScoped
public class ReplayGuard {

    @Inject
    UsedValues values;

    @Inject
    Clock clock;

    /**
     * Whether this is the first use of {@code value} for {@code purpose}; it is remembered for {@code keep}, which
     * must cover the time the value could be accepted.
     */
    public boolean firstUse(String purpose, String value, Duration keep) {
        String key = HexFormat.of().formatHex(Digests.sha256(purpose + "\n" + value));
        try {
            values.insert(key, clock.millis() + keep.toMillis());
            return true;
        } catch (RuntimeException e) {
            if (isUniqueKeyViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    /** SQLSTATE class 23 (integrity constraint violation), which H2, PostgreSQL and MariaDB all use for a duplicate key. */
    private static boolean isUniqueKeyViolation(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }
}
