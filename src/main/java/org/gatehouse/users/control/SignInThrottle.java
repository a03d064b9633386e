package org.gatehouse.users.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import org.gatehouse.platform.control.FailureLog;

/**
 * Slows down password guessing, in this node's memory: after 5 failures within 15 minutes for an account
 * (the submitted username, whether or not it exists, so that throttling tells nothing about accounts), or
 * 20 from one client address, further attempts for the account are refused for 1 s, then 2 s, 4 s … up to 5
 * minutes, and those from the address wait as long (up to 10 seconds) before their password is checked: one
 * address may be a whole company behind its NAT, whose users' right passwords must still get through.
 * A success clears the account's failures, not the address's (one's own account must not reset them).
 * An attempt from a browser the account signed in from before ({@link DeviceCookies}) counts against that
 * browser's cookie only, with the account's threshold, so that failures elsewhere never lock it out.
 * Refusing, never sleeping: a waiting request would hold one of the few HTTP threads.
 */
@ApplicationScoped
public class SignInThrottle {

    private static final int ACCOUNT_THRESHOLD = 5;
    private static final int ADDRESS_THRESHOLD = 20;

    /** Entries per log: a flood of made-up usernames evicts the oldest instead of growing the heap. */
    private static final int CAPACITY = 10_000;

    @Inject
    Clock clock;

    /**
     * An address is slowed, not shut: one address may be a whole company behind its NAT, so its delays stop at ten
     * seconds, while an account's grow to five minutes (its owner's browser has a device cookie).
     */
    static final Duration ADDRESS_MAX_DELAY = Duration.ofSeconds(10);

    private final FailureLog accounts = new FailureLog(ACCOUNT_THRESHOLD, FailureLog.MAX_DELAY, CAPACITY);
    private final FailureLog addresses = new FailureLog(ADDRESS_THRESHOLD, ADDRESS_MAX_DELAY, CAPACITY);
    private final FailureLog devices = new FailureLog(ACCOUNT_THRESHOLD, FailureLog.MAX_DELAY, CAPACITY);

    private static final Duration HOLD_GRACE = Duration.ofMinutes(1);

    /** Addresses with an attempt waiting, and when that hold lapses. */
    private final Map<String, Instant> held = new ConcurrentHashMap<>();

    /**
     * How long to refuse attempts for this account, or for the browser's device cookie; empty when allowed.
     * The address is not asked here: it is slowed down ({@link #slowDown}), not refused.
     *
     * @param device the id of a device cookie issued for this account, if the attempt carries one
     */
    public Optional<Duration> retryAfter(String account, Optional<String> device) {
        var wait = device.isPresent() ? devices.blockedFor(device.get(), clock.instant())
                : accounts.blockedFor(account, clock.instant());
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    /** How long an attempt from this address must wait before its password is checked; empty when at once. */
    public Optional<Duration> slowDown(String address) {
        var wait = addresses.blockedFor(address, clock.instant());
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    /**
     * Lets one attempt from {@code address} wait out {@code wait}; false while another one is waiting, so that an
     * address cannot queue up attempts. A hold that is never released lapses a minute after its wait.
     */
    public boolean hold(String address, Duration wait) {
        var now = clock.instant();
        var until = now.plus(wait).plus(HOLD_GRACE);
        if (held.size() > CAPACITY) {
            held.values().removeIf(lapse -> !lapse.isAfter(now));
        }
        // merge keeps a live hold, else ours; it returns what it kept, so ours (this very object) means granted
        return held.merge(address, until, (current, next) -> current.isAfter(now) ? current : next) == until;
    }

    public void release(String address) {
        held.remove(address);
    }

    public void failed(String account, String address, Optional<String> device) {
        var now = clock.instant();
        if (device.isPresent()) {
            devices.failed(device.get(), now);
            return;
        }
        accounts.failed(account, now);
        if (address != null) {
            addresses.failed(address, now);
        }
    }

    public void succeeded(String account, Optional<String> device) {
        accounts.reset(account);
        device.ifPresent(devices::reset);
    }
}
