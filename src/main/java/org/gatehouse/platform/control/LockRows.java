package org.gatehouse.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.gatehouse.platform.entity.LockRecord;

/** Creates a lock row in a transaction of its own, so a node that loses the insert race can go on. */
@ApplicationScoped
public class LockRows {

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void create(String name) {
        em.persist(new LockRecord(name));
    }
}
