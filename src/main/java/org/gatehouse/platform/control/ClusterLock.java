package org.gatehouse.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import org.gatehouse.platform.entity.LockRecord;

/**
 * Locks shared by every node on the database: rows held with {@code SELECT … FOR UPDATE} until the
 * caller's transaction ends. Nodes that start together use them to create one signing key, not two.
 */
@ApplicationScoped
public class ClusterLock {

    public static final String CONFIGURATION = "configuration";
    public static final String SIGNING_KEYS = "signing-keys";
    private static final List<String> NAMES = List.of(CONFIGURATION, SIGNING_KEYS);

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    @Inject
    LockRows rows;

    /**
     * Creates the lock rows, each in a transaction of its own and outside any other: a node that loses
     * the insert race to another just goes on. (Inside a suspended transaction, Payara fails to resume it
     * after such a failed commit.)
     */
    @Transactional(Transactional.TxType.NEVER)
    public void initialize() {
        for (String name : NAMES) {
            if (!rows.exists(name)) {
                try {
                    rows.create(name);
                } catch (RuntimeException anotherNodeCreatedIt) {
                    // the row exists either way, which is all that matters
                }
            }
        }
    }

    /** Blocks until the current transaction holds the lock called {@code name}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void acquire(String name) {
        if (em.find(LockRecord.class, name, LockModeType.PESSIMISTIC_WRITE) == null) {
            throw new IllegalStateException("cluster lock " + name + " does not exist; initialize() creates it");
        }
    }
}
