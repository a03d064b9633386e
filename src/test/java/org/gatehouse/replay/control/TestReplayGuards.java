package org.gatehouse.replay.control;

import jakarta.persistence.PersistenceException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;

/**
 * A {@link ReplayGuard} over an in-memory table that fails a second insert of a key the way a database does, with
 * SQLSTATE 23505 (unique violation) under a persistence exception, for tests without a database.
 */
public final class TestReplayGuards {

    private TestReplayGuards() {
    }

    public static ReplayGuard inMemory(Clock clock) {
        var guard = new ReplayGuard();
        guard.clock = clock;
        guard.values = new UsedValues() {
            private final Set<String> keys = new HashSet<>();

            @Override
            public synchronized void insert(String keyHash, long expiresAt) {
                if (!keys.add(keyHash)) {
                    throw new PersistenceException(new SQLIntegrityConstraintViolationException("duplicate key", "23505"));
                }
            }
        };
        return guard;
    }
}
