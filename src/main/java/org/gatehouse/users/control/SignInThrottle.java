package org.gatehouse.users.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.gatehouse.platform.control.FailureLog;

/**
 * Slows down password guessing, in this node's memory: after 5 failures within 15 minutes for an account
 * (the submitted username, whether or not it exists, so that throttling tells nothing about accounts), or
 * 20 from one client address, further attempts are refused for 1 s, then 2 s, 4 s … up to 5 minutes for an
 * account and 10 seconds for an address.
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

    /**
     * How long to refuse attempts for this account or from this address (null when unknown); empty when allowed.
     *
     * @param device the id of a device cookie issued for this account, if the attempt carries one
     */
    public Optional<Duration> retryAfter(String account, String address, Optional<String> device) {
        var now = clock.instant();
        if (device.isPresent()) {
            var wait = devices.blockedFor(device.get(), now);
            return wait.isZero() ? Optional.empty() : Optional.of(wait);
        }
        var wait = accounts.blockedFor(account, now);
        if (address != null) {
            var addressWait = addresses.blockedFor(address, now);
            wait = addressWait.compareTo(wait) > 0 ? addressWait : wait;
        }
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
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
