package org.gatehouse.grants.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.gatehouse.grants.entity.Grant;
import org.gatehouse.grants.entity.GrantType;

/**
 * A {@link GrantStore} over a map instead of JPA, for unit tests of what stores grants (sessions, consents,
 * tokens): the same answers for one thread — expiry against the clock, consumed grants still found, families
 * removed together — without a database. The real store's concurrency and SQL are {@code GrantStoreContract}'s.
 */
public final class TestGrantStores {

    private TestGrantStores() {
    }

    public static GrantStore inMemory(Clock clock) {
        var store = new InMemory();
        store.clock = clock;
        return store;
    }

    private static final class InMemory extends GrantStore {

        private final Map<String, Grant> grants = new ConcurrentHashMap<>();

        @Override
        public String create(GrantType type, String clientId, String subjectId, String sessionId, String familyId,
                Duration lifetime, String data) {
            String handle = UUID.randomUUID().toString();
            put(handle, type, clientId, subjectId, sessionId, familyId, lifetime, data);
            return handle;
        }

        @Override
        public void replace(String handle, GrantType type, String clientId, String subjectId, Duration lifetime, String data) {
            put(handle, type, clientId, subjectId, null, newFamily(), lifetime, data);
        }

        @Override
        public void add(String handle, GrantType type, String clientId, String subjectId, Duration lifetime, String data) {
            Instant now = clock.instant();
            if (grants.putIfAbsent(handle, new Grant(type, clientId, subjectId, null, newFamily(), now, now.plus(lifetime),
                    null, data)) != null) {
                throw new IllegalStateException("a record is stored under this handle already");
            }
        }

        @Override
        public boolean postpone(String handle, Instant expires) {
            var grant = Optional.ofNullable(grants.get(handle)).filter(g -> g.expires().isBefore(expires));
            grant.ifPresent(g -> grants.put(handle, new Grant(g.type(), g.clientId(), g.subjectId(), g.sessionId(),
                    g.familyId(), clock.instant(), expires, g.consumed(), g.data())));
            return grant.isPresent();
        }

        @Override
        public boolean extend(String handle, Instant expires) {
            var grant = find(handle).filter(g -> !g.isConsumed());
            grant.ifPresent(g -> grants.put(handle, new Grant(g.type(), g.clientId(), g.subjectId(), g.sessionId(),
                    g.familyId(), g.created(), expires, null, g.data())));
            return grant.isPresent();
        }

        @Override
        public Optional<Grant> find(String handle) {
            return Optional.ofNullable(grants.get(handle)).filter(grant -> grant.expires().isAfter(clock.instant()));
        }

        @Override
        public boolean exists(String handle) {
            return grants.containsKey(handle);
        }

        @Override
        public boolean consume(String handle) {
            var grant = find(handle).filter(g -> !g.isConsumed());
            grant.ifPresent(g -> grants.put(handle, new Grant(g.type(), g.clientId(), g.subjectId(), g.sessionId(),
                    g.familyId(), g.created(), g.expires(), clock.instant(), g.data())));
            return grant.isPresent();
        }

        @Override
        public boolean remove(String handle) {
            return grants.remove(handle) != null;
        }

        @Override
        public int removeFamily(String familyId) {
            var family = grants.entrySet().stream().filter(e -> e.getValue().familyId().equals(familyId))
                    .map(Map.Entry::getKey).toList();
            family.forEach(grants::remove);
            return family.size();
        }

        @Override
        public Map<String, Instant> createdSince(GrantType type, Instant since) {
            var keys = new HashMap<String, Instant>();
            grants.forEach((handle, grant) -> {
                if (grant.type() == type && !grant.created().isBefore(since) && grant.expires().isAfter(clock.instant())) {
                    keys.put(key(handle), grant.expires());
                }
            });
            return keys;
        }

        @Override
        public int trimSession(String sessionId, GrantType type, int keep) {
            var oldest = grants.entrySet().stream()
                    .filter(e -> sessionId.equals(e.getValue().sessionId()) && e.getValue().type() == type)
                    .sorted(Map.Entry.<String, Grant>comparingByValue(Comparator.comparing(Grant::created)).reversed())
                    .skip(keep).map(Map.Entry::getKey).toList();
            oldest.forEach(grants::remove);
            return oldest.size();
        }

        @Override
        public Optional<Grant> findInSession(String sessionId, GrantType type) {
            return inSession(sessionId, type).map(Map.Entry::getValue);
        }

        @Override
        public List<Grant> findOfSubject(String subjectId, GrantType type) {
            return grants.values().stream().filter(g -> subjectId.equals(g.subjectId()) && g.type() == type
                    && g.expires().isAfter(clock.instant())).sorted(Comparator.comparing(Grant::created)).toList();
        }

        @Override
        public boolean updateInSession(String sessionId, GrantType type, UnaryOperator<String> change) {
            var entry = inSession(sessionId, type);
            entry.ifPresent(e -> {
                var g = e.getValue();
                grants.put(e.getKey(), new Grant(g.type(), g.clientId(), g.subjectId(), g.sessionId(), g.familyId(),
                        g.created(), g.expires(), g.consumed(), change.apply(g.data())));
            });
            return entry.isPresent();
        }

        @Override
        public boolean extendInSession(String sessionId, GrantType type, Instant expires) {
            var entry = inSession(sessionId, type);
            entry.ifPresent(e -> {
                var g = e.getValue();
                grants.put(e.getKey(), new Grant(g.type(), g.clientId(), g.subjectId(), g.sessionId(), g.familyId(),
                        g.created(), expires, g.consumed(), g.data()));
            });
            return entry.isPresent();
        }

        @Override
        public Map<String, Set<String>> familiesOfSubject(String subjectId) {
            var families = new HashMap<String, Set<String>>();
            grants.values().stream().filter(g -> subjectId.equals(g.subjectId()) && g.type() != GrantType.REVOKED_JWT)
                    .forEach(g -> families.computeIfAbsent(g.clientId(), c -> new TreeSet<>()).add(g.familyId()));
            return families;
        }

        @Override
        public Map<String, Set<String>> familiesInSession(String sessionId, Set<String> clientIds) {
            var families = new HashMap<String, Set<String>>();
            grants.values().stream().filter(g -> sessionId.equals(g.sessionId()) && clientIds.contains(g.clientId())
                    && g.type() != GrantType.USER_SESSION)
                    .forEach(g -> families.computeIfAbsent(g.clientId(), c -> new TreeSet<>()).add(g.familyId()));
            return families;
        }

        private Optional<Map.Entry<String, Grant>> inSession(String sessionId, GrantType type) {
            return grants.entrySet().stream().filter(e -> sessionId.equals(e.getValue().sessionId())
                    && e.getValue().type() == type && e.getValue().expires().isAfter(clock.instant())).findFirst();
        }

        @Override
        public List<Grant> findExpired(GrantType type, int max) {
            return grants.values().stream().filter(g -> g.type() == type && !g.expires().isAfter(clock.instant()))
                    .sorted(Comparator.comparing(Grant::expires)).limit(max).toList();
        }

        @Override
        public int removeExpired(int batchSize) {
            var expired = grants.entrySet().stream().filter(e -> !e.getValue().expires().isAfter(e.getValue().type()
                    == GrantType.USER_SESSION ? clock.instant().minus(SESSION_EXPIRY_GRACE) : clock.instant()))
                    .limit(batchSize).map(Map.Entry::getKey).toList();
            expired.forEach(grants::remove);
            return expired.size();
        }

        private void put(String handle, GrantType type, String clientId, String subjectId, String sessionId,
                String familyId, Duration lifetime, String data) {
            Instant now = clock.instant();
            grants.put(handle, new Grant(type, clientId, subjectId, sessionId, familyId, now, now.plus(lifetime), null, data));
        }
    }
}
