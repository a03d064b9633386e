package org.gatehouse.platform.control;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Recent authentication failures per key (an account, an address, a client at an address). From {@code threshold} failures on, each
 * failure blocks the key for a delay that doubles from one second up to {@code maxDelay}; a key whose last
 * failure is older than the window starts again from zero. Memory is bounded: the map is kept in the
 * order of last failures, expired entries are dropped from its head, and beyond {@code capacity} the
 * oldest go.
 */
public final class FailureLog {

    public static final Duration WINDOW = Duration.ofMinutes(15);
    private static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    public static final Duration MAX_DELAY = Duration.ofMinutes(5);

    private static final class Failures {
        int count;
        Instant last;
        Instant blockedUntil = Instant.MIN;
    }

    private final int threshold;
    private final Duration maxDelay;
    private final Map<String, Failures> entries;

    /** @param maxDelay at most {@link #MAX_DELAY}, which is shorter than the window */
    public FailureLog(int threshold, Duration maxDelay, int capacity) {
        this.threshold = threshold;
        this.maxDelay = maxDelay;
        this.entries = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
                return size() > capacity;
            }
        };
    }

    /** How long {@code key} is still blocked; zero when it is not. */
    public synchronized Duration blockedFor(String key, Instant now) {
        var failures = entries.get(key);
        return failures == null || !failures.blockedUntil.isAfter(now)
                ? Duration.ZERO : Duration.between(now, failures.blockedUntil);
    }

    public synchronized void failed(String key, Instant now) {
        var failures = entries.remove(key); // put back below, at the tail: the order stays that of last failures
        if (failures == null || isExpired(failures, now)) {
            failures = new Failures();
        }
        failures.count++;
        failures.last = now;
        if (failures.count >= threshold) {
            failures.blockedUntil = now.plus(delay(failures.count - threshold));
        }
        entries.put(key, failures);
        var oldest = entries.values().iterator();
        while (oldest.hasNext() && isExpired(oldest.next(), now)) {
            oldest.remove();
        }
    }

    public synchronized void reset(String key) {
        entries.remove(key);
    }

    public synchronized int size() {
        return entries.size();
    }

    /** Past the window, and so past any block too, as the longest delay is shorter than the window. */
    private static boolean isExpired(Failures failures, Instant now) {
        return !failures.last.plus(WINDOW).isAfter(now);
    }

    /** 1 s, 2 s, 4 s … for the first, second, third … failure at or over the threshold, at most {@code maxDelay}. */
    private Duration delay(int overThreshold) {
        long millis = FIRST_DELAY.toMillis() << Math.min(overThreshold, 30);
        return millis >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis(millis);
    }
}
