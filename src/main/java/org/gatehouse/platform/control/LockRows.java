package org.gatehouse.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.gatehouse.platform.entity.LockRecord;

/** The rows behind {@link ClusterLock}, each created in a transaction of its own. */
@ApplicationScoped
public class LockRows {

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    public boolean exists(String name) {
        return em.find(LockRecord.class, name) != null;
    }

    @Transactional
    public void create(String name) {
        em.persist(new LockRecord(name));
    }
}
