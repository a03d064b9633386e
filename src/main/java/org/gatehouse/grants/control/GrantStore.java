package org.gatehouse.grants.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.gatehouse.grants.entity.Grant;
import org.gatehouse.grants.entity.GrantType;
import org.gatehouse.grants.entity.PersistedGrant;
import org.gatehouse.protocol.control.Digests;

/**
 * The one store for everything issued and kept. Handles are 256 random bits; the database holds only
 * their SHA-256, so a copy of it lets nobody use a grant. One-time use is a single conditional UPDATE,
 * correct across threads and nodes without any lock held in memory.
 */
@ApplicationScoped
public class GrantStore {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The lifetime of a grant that does not expire (no ConsentLifetime, no absolute refresh lifetime). */
    public static final Duration NO_EXPIRY = Duration.ofDays(365L * 100);

    /** How long an expired session stays for its clients to be told of its end before the cleanup removes it. */
    public static final Duration SESSION_EXPIRY_GRACE = Duration.ofHours(1);

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    @Inject
    GrantDataProtector protector;

    @Inject
    Clock clock;

    /** A new family id: grants issued from one another share it. */
    public static String newFamily() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Stores a grant and returns its handle, whose only copy goes to the client. */
    @Transactional
    public String create(GrantType type, String clientId, String subjectId, String sessionId, String familyId,
            Duration lifetime, String data) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String handle = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        long now = clock.millis();
        String key = key(handle);
        em.persist(new PersistedGrant(key, type, clientId, subjectId, sessionId, familyId, now,
                now + lifetime.toMillis(), protector.protect(data, GrantDataProtector.row(key, type, subjectId))));
        return handle;
    }

    /**
     * Stores a grant under a handle the caller derives (a consent: client and subject), replacing the one
     * stored under it before.
     */
    @Transactional
    public void replace(String handle, GrantType type, String clientId, String subjectId, Duration lifetime, String data) {
        remove(handle);
        em.flush();
        persist(handle, type, clientId, subjectId, lifetime, data);
    }

    /**
     * Stores a record under a handle the caller derives (a revocation); fails, changing nothing, if one is stored
     * under it already.
     */
    @Transactional
    public void add(String handle, GrantType type, String clientId, String subjectId, Duration lifetime, String data) {
        persist(handle, type, clientId, subjectId, lifetime, data);
        em.flush(); // the duplicate, if any, fails here rather than in the commit
    }

    private void persist(String handle, GrantType type, String clientId, String subjectId, Duration lifetime, String data) {
        long now = clock.millis();
        String key = key(handle);
        em.persist(new PersistedGrant(key, type, clientId, subjectId, null, newFamily(), now,
                now + lifetime.toMillis(), protector.protect(data, GrantDataProtector.row(key, type, subjectId))));
    }

    /**
     * Moves the expiry of the record under {@code handle} later, to {@code expires}, and dates it now, so that the
     * nodes reading what changed ({@link #createdSince}) read it again; false if there is none, or it lasts that long.
     * The row is changed in place, never removed and stored again: a locking read racing a removal and re-insert can
     * see no row (H2 did, in a reproduction of racing replays), which would make a record kept all along look missing.
     */
    @Transactional
    public boolean postpone(String handle, Instant expires) {
        return em.createQuery("update PersistedGrant g set g.expiresAt = :expires, g.createdAt = :now"
                        + " where g.keyHash = :key and g.expiresAt < :expires")
                .setParameter("expires", expires.toEpochMilli())
                .setParameter("now", clock.millis())
                .setParameter("key", key(handle))
                .executeUpdate() == 1;
    }

    /** Moves an unconsumed grant's expiry (a sliding refresh token); false if it is gone, used or expired. */
    @Transactional
    public boolean extend(String handle, Instant expires) {
        long now = clock.millis();
        return em.createQuery("update PersistedGrant g set g.expiresAt = :expires"
                        + " where g.keyHash = :key and g.consumedAt is null and g.expiresAt > :now")
                .setParameter("expires", expires.toEpochMilli())
                .setParameter("now", now)
                .setParameter("key", key(handle))
                .executeUpdate() == 1;
    }

    /**
     * The grant behind a handle, unless it is unknown or expired. Consumed grants are returned (replays
     * matter). Read in a transaction: Payara's non-transactional EntityManager is shared with tasks that
     * inherit the caller's context, and closed under it when they end.
     */
    @Transactional
    public Optional<Grant> find(String handle) {
        String key = key(handle);
        var stored = em.find(PersistedGrant.class, key);
        if (stored == null || stored.expiresAt() <= clock.millis()) {
            return Optional.empty();
        }
        return grant(stored);
    }

    /** A row whose data Gatehouse did not write there (moved, or in clear under a key) is no grant. */
    private Optional<Grant> grant(PersistedGrant stored) {
        return protector.unprotect(stored.data(), GrantDataProtector.row(stored.keyHash(), stored.type(), stored.subjectId()))
                .map(data -> new Grant(stored.type(), stored.clientId(), stored.subjectId(), stored.sessionId(),
                        stored.familyId(), Instant.ofEpochMilli(stored.createdAt()), Instant.ofEpochMilli(stored.expiresAt()),
                        stored.consumedAt() == null ? null : Instant.ofEpochMilli(stored.consumedAt()), data));
    }

    /**
     * Whether a grant is still stored, expired or not: false once removed (revoked). A locking read, so it
     * waits for a revocation in progress: a plain read would still see a row whose uncommitted DELETE began
     * before the caller's last insert committed, and so miss that the insert escaped the revocation.
     */
    @Transactional
    public boolean exists(String handle) {
        return em.find(PersistedGrant.class, key(handle), LockModeType.PESSIMISTIC_WRITE) != null;
    }

    /** Marks a grant used; true for exactly one of any number of concurrent callers. */
    @Transactional
    public boolean consume(String handle) {
        long now = clock.millis();
        return em.createQuery("update PersistedGrant g set g.consumedAt = :now"
                        + " where g.keyHash = :key and g.consumedAt is null and g.expiresAt > :now")
                .setParameter("now", now)
                .setParameter("key", key(handle))
                .executeUpdate() == 1;
    }

    @Transactional
    public boolean remove(String handle) {
        return em.createQuery("delete from PersistedGrant g where g.keyHash = :key")
                .setParameter("key", key(handle))
                .executeUpdate() == 1;
    }

    /** Removes everything issued from the same grant, in one statement. */
    @Transactional
    public int removeFamily(String familyId) {
        return em.createQuery("delete from PersistedGrant g where g.familyId = :family")
                .setParameter("family", familyId)
                .executeUpdate();
    }

    /** The unexpired grant of {@code type} that belongs to a session, such as the session itself ({@code sid}). */
    @Transactional
    public Optional<Grant> findInSession(String sessionId, GrantType type) {
        return inSession(sessionId, type).setMaxResults(1).getResultStream().findFirst().flatMap(this::grant);
    }

    /** The unexpired grants of {@code type} of a subject (a user's sessions), oldest first. */
    @Transactional
    public List<Grant> findOfSubject(String subjectId, GrantType type) {
        return em.createQuery("select g from PersistedGrant g where g.subjectId = :subject and g.type = :type"
                        + " and g.expiresAt > :now order by g.createdAt", PersistedGrant.class)
                .setParameter("subject", subjectId)
                .setParameter("type", type)
                .setParameter("now", clock.millis())
                .getResultStream().map(this::grant).flatMap(Optional::stream).toList();
    }

    /**
     * Changes the data of a session's grant of {@code type}, holding its row meanwhile, so that two requests
     * changing it at once both count; false if there is none.
     */
    @Transactional
    public boolean updateInSession(String sessionId, GrantType type, UnaryOperator<String> change) {
        var stored = inSession(sessionId, type)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE) // no row limit: EclipseLink puts it after FOR UPDATE for H2
                .getResultStream().findFirst();
        if (stored.isEmpty()) {
            return false;
        }
        var row = GrantDataProtector.row(stored.get().keyHash(), type, stored.get().subjectId());
        var data = protector.unprotect(stored.get().data(), row);
        data.ifPresent(d -> stored.get().reprotect(protector.protect(change.apply(d), row)));
        return data.isPresent();
    }

    /** The unexpired grants of {@code type} of a session: for a session itself, one at most. */
    private TypedQuery<PersistedGrant> inSession(String sessionId, GrantType type) {
        return em.createQuery("select g from PersistedGrant g where g.sessionId = :session and g.type = :type"
                        + " and g.expiresAt > :now", PersistedGrant.class)
                .setParameter("session", sessionId)
                .setParameter("type", type)
                .setParameter("now", clock.millis());
    }

    /** Moves the expiry of a session's grant of {@code type} (a session's idle timeout); false if there is none. */
    @Transactional
    public boolean extendInSession(String sessionId, GrantType type, Instant expires) {
        return em.createQuery("update PersistedGrant g set g.expiresAt = :expires where g.sessionId = :session"
                        + " and g.type = :type and g.expiresAt > :now")
                .setParameter("expires", expires.toEpochMilli())
                .setParameter("session", sessionId)
                .setParameter("type", type)
                .setParameter("now", clock.millis())
                .executeUpdate() > 0;
    }

    /**
     * The families of everything a subject holds, by client (sessions under Gatehouse's own name); not the revoked-JWT
     * records, which are no grant and must outlive it.
     */
    @Transactional
    public Map<String, Set<String>> familiesOfSubject(String subjectId) {
        var families = new HashMap<String, Set<String>>();
        em.createQuery("select distinct g.clientId, g.familyId from PersistedGrant g where g.subjectId = :subject"
                        + " and g.type <> :revoked", Object[].class)
                .setParameter("subject", subjectId)
                .setParameter("revoked", GrantType.REVOKED_JWT)
                .getResultList()
                .forEach(row -> families.computeIfAbsent((String) row[0], c -> new TreeSet<>()).add((String) row[1]));
        return families;
    }

    /** The families of the grants a session issued to each of {@code clientIds}: what its logout revokes. */
    @Transactional
    public Map<String, Set<String>> familiesInSession(String sessionId, Set<String> clientIds) {
        var families = new HashMap<String, Set<String>>();
        if (clientIds.isEmpty()) {
            return families;
        }
        em.createQuery("select distinct g.clientId, g.familyId from PersistedGrant g where g.sessionId = :session"
                        + " and g.clientId in :clients and g.type <> :session_type", Object[].class)
                .setParameter("session", sessionId)
                .setParameter("clients", clientIds)
                .setParameter("session_type", GrantType.USER_SESSION)
                .getResultList()
                .forEach(row -> families.computeIfAbsent((String) row[0], c -> new TreeSet<>()).add((String) row[1]));
        return families;
    }

    /**
     * Keeps at most {@code keep} grants of {@code type} in a session, removing the oldest: what a signed-in
     * browser can make Gatehouse store (a code per authorization request) stays bounded.
     */
    @Transactional
    public int trimSession(String sessionId, GrantType type, int keep) {
        var oldest = em.createQuery("select g.keyHash from PersistedGrant g where g.sessionId = :session and g.type = :type"
                        + " order by g.createdAt desc", String.class)
                .setParameter("session", sessionId)
                .setParameter("type", type)
                .setFirstResult(keep)
                .setMaxResults(1000)
                .getResultList();
        if (oldest.isEmpty()) {
            return 0;
        }
        return em.createQuery("delete from PersistedGrant g where g.keyHash in :keys")
                .setParameter("keys", oldest)
                .executeUpdate();
    }

    /**
     * Encrypts again under the current encryption key those of the next {@code batchSize} grants after
     * {@code afterKey} (in key order) that are under a previous one; the last key looked at, or empty at the end.
     */
    @Transactional
    public Optional<String> reprotectBatch(String afterKey, int batchSize) {
        var rows = em.createQuery("select g from PersistedGrant g where g.keyHash > :after order by g.keyHash",
                        PersistedGrant.class)
                .setParameter("after", afterKey)
                .setMaxResults(batchSize)
                .getResultList();
        for (var row : rows) {
            if (protector.isUnderPreviousKey(row.data())) {
                protector.reprotect(row.data(), GrantDataProtector.row(row.keyHash(), row.type(), row.subjectId()))
                        .ifPresent(row::reprotect);
            }
        }
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(rows.size() - 1).keyHash());
    }

    /** The keys and expiries of unexpired grants of {@code type} stored at or after {@code since} (by any node). */
    @Transactional
    public Map<String, Instant> createdSince(GrantType type, Instant since) {
        var rows = em.createQuery("select g.keyHash, g.expiresAt from PersistedGrant g where g.type = :type"
                        + " and g.createdAt >= :since and g.expiresAt > :now", Object[].class)
                .setParameter("type", type)
                .setParameter("since", since.toEpochMilli())
                .setParameter("now", clock.millis())
                .getResultList();
        var keys = new HashMap<String, Instant>();
        rows.forEach(row -> keys.put((String) row[0], Instant.ofEpochMilli((Long) row[1])));
        return keys;
    }

    /** Up to {@code max} grants of {@code type} past their expiry and still stored, oldest first. */
    @Transactional
    public List<Grant> findExpired(GrantType type, int max) {
        return em.createQuery("select g from PersistedGrant g where g.type = :type and g.expiresAt <= :now"
                        + " order by g.expiresAt", PersistedGrant.class)
                .setParameter("type", type)
                .setParameter("now", clock.millis())
                .setMaxResults(max)
                .getResultStream().map(this::grant).flatMap(Optional::stream).toList();
    }

    /**
     * Deletes up to {@code batchSize} expired grants in a short transaction of its own. Idempotent, so nodes
     * cleaning at the same time only skip each other's rows. Expired sessions are left for
     * {@link #SESSION_EXPIRY_GRACE} to {@code SessionExpiry}, which tells their clients; then they go too (one whose
     * data cannot be read, say).
     */
    @Transactional
    public int removeExpired(int batchSize) {
        var expired = em.createQuery("select g.keyHash from PersistedGrant g where g.expiresAt <= :now"
                        + " and (g.type <> :session or g.expiresAt <= :sessionsBefore)", String.class)
                .setParameter("now", clock.millis())
                .setParameter("session", GrantType.USER_SESSION)
                .setParameter("sessionsBefore", clock.millis() - SESSION_EXPIRY_GRACE.toMillis())
                .setMaxResults(batchSize)
                .getResultList();
        if (expired.isEmpty()) {
            return 0;
        }
        return em.createQuery("delete from PersistedGrant g where g.keyHash in :keys and g.expiresAt <= :now")
                .setParameter("keys", expired)
                .setParameter("now", clock.millis())
                .executeUpdate();
    }

    /** The key a handle is stored under: its SHA-256, never the handle. */
    public static String key(String handle) {
        return HexFormat.of().formatHex(Digests.sha256(handle));
    }
}
