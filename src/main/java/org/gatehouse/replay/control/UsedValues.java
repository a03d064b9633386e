package org.gatehouse.replay.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Clock;
import org.gatehouse.replay.entity.UsedValue;

/** The table of {@link UsedValue}s; each write in a transaction of its own, so that a refused insert spoils nothing else. */
@ApplicationScoped
public class UsedValues {

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    @Inject
    Clock clock;

    /** Inserts the key; a key already there fails the flush with the database's unique-key violation. */
    @Transactional(TxType.REQUIRES_NEW)
    public void insert(String keyHash, long expiresAt) {
        em.persist(new UsedValue(keyHash, expiresAt));
        em.flush();
    }

    /** Removes what expired, at most {@code batchSize} rows; how many it removed. */
    @Transactional(TxType.REQUIRES_NEW)
    public int removeExpired(int batchSize) {
        var expired = em.createQuery("select u.keyHash from UsedValue u where u.expiresAt <= :now", String.class)
                .setParameter("now", clock.millis())
                .setMaxResults(batchSize)
                .getResultList();
        if (expired.isEmpty()) {
            return 0;
        }
        return em.createQuery("delete from UsedValue u where u.keyHash in :keys")
                .setParameter("keys", expired)
                .executeUpdate();
    }
}
