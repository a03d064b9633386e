package org.gatehouse.issuance.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.gatehouse.grants.control.GrantStore;
import org.gatehouse.grants.entity.GrantType;
import org.gatehouse.issuance.entity.InspectedToken;

/**
 * JWT access tokens revoked before they expire (RFC 7009 §2 lets a server revoke them; Keycloak does): their
 * {@code jti} is kept in the grant store until the token would have expired anyway, and introspection and
 * userinfo then treat the token as inactive. Each node holds the list in memory and reads what other nodes added
 * every few seconds, in the background: checking a JWT costs no database round trip, and a database outage
 * leaves the last list in force rather than failing introspection. APIs that validate JWTs themselves cannot see
 * any of this: for them a JWT lives until {@code exp}, which is why access tokens should be short-lived.
 */
@ApplicationScoped
public class RevokedJwts {

    /** How soon a revocation on one node is seen on the others. */
    static final Duration SYNC_INTERVAL = Duration.ofSeconds(5);

    /** Read again on each sync: rows another node wrote with a clock somewhat behind ours, or committed late. */
    private static final Duration OVERLAP = Duration.ofMinutes(1);

    private static final Logger LOG = Logger.getLogger(RevokedJwts.class.getName());

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Between a family id (hex) and the token's own random part in a {@code jti}. */
    private static final char FAMILY_SEPARATOR = '.';

    @Inject
    GrantStore grants;

    @Inject
    Clock clock;

    @Resource
    ManagedExecutorService executor;

    /** Where syncs run: never on the request that finds one due. */
    Executor syncs;

    /** Revoked tokens' keys in the grant store, with their expiry. */
    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();
    private final AtomicBoolean syncing = new AtomicBoolean();
    private volatile Instant syncedFrom = Instant.EPOCH;
    private volatile Instant nextSync = Instant.EPOCH;

    @PostConstruct
    void init() {
        syncs = executor;
    }

    /** Revokes {@code token} (a verified JWT access token); false when it has no {@code jti} to remember it by. */
    public boolean revoke(InspectedToken token) {
        var jti = jti(token);
        if (jti.isEmpty()) {
            return false;
        }
        var expires = Instant.ofEpochSecond(((Number) token.claims().get("exp")).longValue());
        var left = Duration.between(clock.instant(), expires);
        if (!left.isNegative()) {
            remember(handle(jti.get()), list(handle(jti.get()), token.clientId(), (String) token.claims().get("sub"),
                    left.plusSeconds(1)));
        }
        return true;
    }

    /**
     * Revokes the JWT access tokens of a grant family: those issued so far, which live at most {@code lifetime}
     * from now; their {@code jti} names the family ({@link #newJwtId}).
     */
    public void revokeFamily(String clientId, String familyId, Duration lifetime) {
        String handle = familyHandle(familyId);
        remember(handle, list(handle, clientId, null, lifetime.plusSeconds(1)));
    }

    /** Keeps the later of two expiries: revocations racing each other finish in any order. */
    private void remember(String handle, Instant expires) {
        revoked.merge(GrantStore.key(handle), expires, (kept, given) -> kept.isAfter(given) ? kept : given);
    }

    /**
     * Stores the revocation for every node to read, lasting at least {@code lifetime}. Replays racing each other
     * revoke one family at once: the first stores the record and the others postpone its expiry to theirs, each in
     * one statement, and a loser of the insert finds the winner's row, which says the same. Nobody removes the row
     * to store it again, so nobody sees it missing in between (what made a racing replay answer 503).
     */
    private Instant list(String handle, String clientId, String subjectId, Duration lifetime) {
        var expires = clock.instant().plus(lifetime);
        if (grants.postpone(handle, expires)) {
            return expires;
        }
        try {
            grants.add(handle, GrantType.REVOKED_JWT, clientId, subjectId, lifetime, "{}");
        } catch (RuntimeException raced) {
            if (!grants.postpone(handle, expires) && grants.find(handle).isEmpty()) {
                throw raced;
            }
        }
        return expires;
    }

    /**
     * A {@code jti} for a JWT access token of a grant family: unique (RFC 7519 §4.1.7 asks nothing more of it) and
     * naming its family, so that revoking the family needs no record of each token issued.
     */
    public static String newJwtId(String familyId) {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return familyId + FAMILY_SEPARATOR + HexFormat.of().formatHex(id);
    }

    public boolean isRevoked(InspectedToken token) {
        var now = clock.instant();
        if (!now.isBefore(nextSync) && syncing.compareAndSet(false, true)) {
            nextSync = now.plus(SYNC_INTERVAL);
            if (syncedFrom.equals(Instant.EPOCH)) {
                sync(); // the first list is read before any answer: a fresh node must not forget a revocation
            } else {
                syncs.execute(this::sync);
            }
        }
        return jti(token).filter(jti -> isListed(handle(jti), now) || family(jti).filter(family ->
                isListed(familyHandle(family), now)).isPresent()).isPresent();
    }

    private boolean isListed(String handle, Instant now) {
        var expires = revoked.get(GrantStore.key(handle));
        return expires != null && expires.isAfter(now);
    }

    /** Adds what was revoked since the last sync, on any node, and forgets what has expired. */
    private void sync() {
        try {
            var now = clock.instant();
            var from = syncedFrom;
            revoked.putAll(grants.createdSince(GrantType.REVOKED_JWT, from.minus(OVERLAP)));
            revoked.values().removeIf(expires -> !expires.isAfter(now));
            syncedFrom = now;
        } catch (RuntimeException unavailable) {
            // The database is away: the list stays as it was, and the next sync reads from where this one started.
            LOG.fine("revoked JWTs not synchronised: " + unavailable.getClass().getSimpleName());
        } finally {
            syncing.set(false);
        }
    }

    private static Optional<String> jti(InspectedToken token) {
        return token.claims().get("jti") instanceof String jti && !jti.isEmpty() ? Optional.of(jti) : Optional.empty();
    }

    private static Optional<String> family(String jti) {
        int separator = jti.indexOf(FAMILY_SEPARATOR);
        return separator > 0 ? Optional.of(jti.substring(0, separator)) : Optional.empty();
    }

    /** Stored, as every handle, only as a hash; the prefix keeps it apart from handles Gatehouse hands out. */
    private static String handle(String jti) {
        return "revoked-jwt:" + jti;
    }

    private static String familyHandle(String familyId) {
        return "revoked-family:" + familyId;
    }
}
