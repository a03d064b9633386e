package org.gatehouse.keys.control;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.gatehouse.keys.entity.KeyManagementOptions;
import org.gatehouse.keys.entity.StoredKey;

/**
 * Duende's key life cycle, decided from creation times alone so that every node agrees. A key is
 * <em>announced</em> (published, not yet signing) for the propagation time, so that relying parties
 * that cache the JWKS know it before its first token; it signs until it is {@code rotation} old; it is
 * then <em>retired</em> and stays published for the retention time, while its tokens may still be in use.
 * Its successor is created {@code propagation} before it retires.
 */
public record KeyRotationPolicy(Duration rotation, Duration propagation, Duration retention) {

    public static KeyRotationPolicy of(KeyManagementOptions options) {
        return new KeyRotationPolicy(options.rotationInterval(), options.propagationTime(), options.retentionDuration());
    }

    public boolean isRetired(StoredKey key, Instant now) {
        return !now.isBefore(key.created().plus(rotation));
    }

    /** Still in the JWKS: not yet past retirement plus retention. */
    public boolean isPublished(StoredKey key, Instant now) {
        return now.isBefore(key.created().plus(rotation).plus(retention));
    }

    /**
     * The key that signs now, among keys of one algorithm: the newest active key that has been announced
     * long enough, else (a first start, or a server that was down past every key's life) the oldest one.
     */
    public Optional<StoredKey> signingKey(List<StoredKey> keys, Instant now) {
        var active = keys.stream().filter(k -> !isRetired(k, now) && !k.created().isAfter(now)).toList();
        var announced = active.stream()
                .filter(k -> !now.isBefore(k.created().plus(propagation)))
                .max(Comparator.comparing(StoredKey::created));
        return announced.or(() -> active.stream().min(Comparator.comparing(StoredKey::created)));
    }

    /** Whether a key of this algorithm must be created now: none is active, or the newest retires soon. */
    public boolean needsNewKey(List<StoredKey> keys, Instant now) {
        return keys.stream()
                .filter(k -> !isRetired(k, now))
                .max(Comparator.comparing(StoredKey::created))
                .map(newest -> !now.isBefore(newest.created().plus(rotation).minus(propagation)))
                .orElse(true);
    }

    /** The next instant at which any of these keys changes state, so caches know when to look again. */
    public Optional<Instant> nextChange(List<StoredKey> keys, Instant now) {
        return keys.stream()
                .flatMap(k -> Stream.of(k.created().plus(propagation), k.created().plus(rotation).minus(propagation),
                        k.created().plus(rotation), k.created().plus(rotation).plus(retention)))
                .filter(now::isBefore)
                .min(Comparator.naturalOrder());
    }
}
