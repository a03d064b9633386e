package org.gatehouse.logout.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.gatehouse.logout.entity.LogoutNotice;

/**
 * The back-channel logout outbox in the database, shared by every node. A notice is delivered by whichever node
 * claims it first: the claim is one conditional UPDATE, so two nodes never hold it at once, and a claim that a node
 * dies holding lapses, so another node takes the notice over.
 */
@ApplicationScoped
public class LogoutNotices {

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    @Inject
    Clock clock;

    /** Joins the caller's transaction: the notice exists if and only if the session's end committed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(LogoutNotice notice) {
        em.persist(notice);
    }

    /** The ids of up to {@code max} notices due now that no node holds, oldest first. */
    @Transactional
    public List<String> due(int max) {
        long now = clock.millis();
        return em.createQuery("select n.id from LogoutNotice n where n.dueAt <= :now and n.claimedUntil < :now"
                        + " order by n.dueAt", String.class)
                .setParameter("now", now)
                .setMaxResults(max)
                .getResultList();
    }

    /** The notice, held by this node for {@code lease}; empty if another node holds it, or it is gone or not due. */
    @Transactional
    public Optional<LogoutNotice> claim(String id, Duration lease) {
        long now = clock.millis();
        int claimed = em.createQuery("update LogoutNotice n set n.claimedUntil = :until"
                        + " where n.id = :id and n.dueAt <= :now and n.claimedUntil < :now")
                .setParameter("until", now + lease.toMillis())
                .setParameter("id", id)
                .setParameter("now", now)
                .executeUpdate();
        return claimed == 1 ? Optional.ofNullable(em.find(LogoutNotice.class, id)) : Optional.empty();
    }

    /** Delivered, or given up: the notice leaves the outbox. */
    @Transactional
    public void remove(String id) {
        em.createQuery("delete from LogoutNotice n where n.id = :id").setParameter("id", id).executeUpdate();
    }

    /** Released for another attempt at {@code due}, by any node. */
    @Transactional
    public void retryAt(String id, Instant due) {
        em.createQuery("update LogoutNotice n set n.attempts = n.attempts + 1, n.dueAt = :due, n.claimedUntil = 0"
                        + " where n.id = :id")
                .setParameter("due", due.toEpochMilli())
                .setParameter("id", id)
                .executeUpdate();
    }
}
