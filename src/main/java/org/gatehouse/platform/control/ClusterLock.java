package org.gatehouse.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.gatehouse.platform.entity.LockRecord;

/**
 * A lock shared by every node on the database: a row held with {@code SELECT … FOR UPDATE} until the
 * caller's transaction ends. Nodes that start together use it to create one signing key, not two.
 */
@ApplicationScoped
public class ClusterLock {

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    @Inject
    LockRows rows;

    /** Blocks until the current transaction holds the lock called {@code name}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void acquire(String name) {
        if (em.find(LockRecord.class, name, LockModeType.PESSIMISTIC_WRITE) != null) {
            return;
        }
        try {
            rows.create(name);
        } catch (RuntimeException anotherNodeCreatedIt) {
            // the row exists now either way; locking it below is what counts
        }
        if (em.find(LockRecord.class, name, LockModeType.PESSIMISTIC_WRITE) == null) {
            throw new IllegalStateException("cannot create the cluster lock row " + name);
        }
    }
}
