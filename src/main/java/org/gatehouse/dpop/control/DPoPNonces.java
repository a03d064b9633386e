package org.gatehouse.dpop.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import org.gatehouse.dpop.entity.DPoPOptions;
import org.gatehouse.keys.control.MacKeys;

/**
 * Server-provided DPoP nonces (RFC 9449 §8) that every node can check without shared state: the time the nonce
 * was made and a MAC over it under a key all nodes derive from the configured encryption key. A nonce is good for
 * Duende's {@code ProofTokenValidityDuration} plus {@code ServerClockSkew} ({@link DPoPOptions#nonceLifetime()});
 * clients get a fresh one with every {@code use_dpop_nonce} and every successful DPoP answer.
 */
@ApplicationScoped
public class DPoPNonces {

    /** How far in the future a nonce may seem made: the clocks of two nodes differ a little. */
    static final Duration NODE_CLOCK_SKEW = Duration.ofSeconds(5);

    private static final String PURPOSE = "dpop-nonce";

    @Inject
    MacKeys macs;

    @Inject
    Clock clock;

    @Inject
    DPoPOptions options;

    public String issue() {
        String time = Long.toString(clock.instant().getEpochSecond(), 36);
        return time + "." + macs.mac(PURPOSE, time);
    }

    /** Whether Gatehouse made {@code nonce} within its lifetime. */
    public boolean isFresh(String nonce) {
        int dot = nonce == null ? -1 : nonce.indexOf('.');
        if (dot <= 0 || dot > 13) {
            return false;
        }
        String time = nonce.substring(0, dot);
        if (!macs.matches(PURPOSE, time, nonce.substring(dot + 1))) {
            return false;
        }
        long made;
        try {
            made = Long.parseLong(time, 36);
        } catch (NumberFormatException e) {
            return false;
        }
        long now = clock.instant().getEpochSecond();
        return made <= now + NODE_CLOCK_SKEW.toSeconds() && now - made <= options.nonceLifetime().toSeconds();
    }
}
