package org.gatehouse.users.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.gatehouse.keys.control.MacKeys;

/**
 * Device cookies (OWASP's answer to account lock-out): a browser in which an account signed in successfully
 * gets a cookie naming that account under a MAC. Attempts for that account that carry it are throttled by the
 * cookie, not by the account, so that someone who knows a username and keeps failing cannot lock its owner
 * out of a browser the owner has used before; everyone else is still throttled per account and address.
 */
@ApplicationScoped
public class DeviceCookies {

    public static final String NAME = "__Host-gatehouse.device";
    public static final Duration LIFETIME = Duration.ofDays(90);

    private static final String PURPOSE = "device cookie";
    private static final int MAX_LENGTH = 100;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    MacKeys macs;

    /** A new cookie value for {@code account} (a {@code UserAccount.usernameKey}): a random id and its MAC. */
    public String issue(String account) {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        String device = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        return device + "." + macs.mac(PURPOSE, account + "\n" + device);
    }

    /** The device id of {@code cookie} when it was issued for {@code account}; empty for any other or none. */
    public Optional<String> device(String cookie, String account) {
        if (cookie == null || cookie.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        int dot = cookie.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String device = cookie.substring(0, dot);
        return macs.matches(PURPOSE, account + "\n" + device, cookie.substring(dot + 1)) ? Optional.of(device)
                : Optional.empty();
    }
}
