package org.gatehouse.users.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import org.gatehouse.users.entity.SignInResult;
import org.gatehouse.users.entity.UserAccount;

/**
 * Signs a user in with username and password, through the platform's {@link IdentityStoreHandler}: the
 * embedded store and any {@code IdentityStore} a deployment adds, with no protocol code involved.
 * Repeated failures are throttled per account and per client address ({@link SignInThrottle}).
 *
 * <p>A password check costs a deliberate fraction of a second of CPU (PBKDF2, or whatever a store uses), on one
 * of the few request threads. At most one check per core but one runs at a time (one core stays for the token
 * endpoint; one check on a machine of one or two cores); a sign-in that finds them all busy is
 * answered at once ({@link SignInResult.Busy}) instead of queueing, so that a flood of sign-ins from many
 * addresses cannot take the threads and the cores the token endpoint needs.
 */
@ApplicationScoped
public class PasswordSignIn {

    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    SignInThrottle throttle;

    @Inject
    DeviceCookies deviceCookies;

    /** Retry-After for a sign-in that found every check busy: about the cost of one check. */
    static final Duration BUSY_RETRY = Duration.ofSeconds(1);

    Semaphore checks = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors() - 1));

    /**
     * @param clientAddress the client's address (its throttle key), or null when unknown (then only the account is throttled)
     * @param deviceCookie  the browser's {@link DeviceCookies} value, or null
     * @param waited        whether this attempt has waited out its address's slow-down ({@link SignInResult.SlowedDown})
     */
    public SignInResult attempt(String username, String password, String clientAddress, String deviceCookie, boolean waited) {
        if (username == null || username.isBlank() || username.length() > UserAccount.MAX_LENGTH
                || password == null || password.isEmpty()) {
            return new SignInResult.Rejected(); // no account has such a name; nothing to ask a store
        }
        if (waited && clientAddress != null) {
            throttle.release(clientAddress); // its wait is over: the next attempt from the address may wait
        }
        String account = UserAccount.usernameKey(username);
        var device = deviceCookies.device(deviceCookie, account);
        var wait = throttle.retryAfter(account, device);
        if (wait.isPresent()) {
            return new SignInResult.Throttled(wait.get());
        }
        if (clientAddress != null && device.isEmpty() && !waited) {
            var slowDown = throttle.slowDown(clientAddress);
            if (slowDown.isPresent()) {
                return throttle.hold(clientAddress, slowDown.get()) ? new SignInResult.SlowedDown(slowDown.get())
                        : new SignInResult.Throttled(slowDown.get());
            }
        }
        if (!checks.tryAcquire()) {
            return new SignInResult.Busy(BUSY_RETRY);
        }
        CredentialValidationResult result;
        try {
            result = identityStores.validate(new UsernamePasswordCredential(username, password));
        } finally {
            checks.release();
        }
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            throttle.failed(account, clientAddress, device);
            return new SignInResult.Rejected();
        }
        throttle.succeeded(account, device);
        String name = result.getCallerPrincipal().getName();
        String subjectId = result.getCallerUniqueId() != null ? result.getCallerUniqueId() : name;
        return new SignInResult.SignedIn(subjectId, name);
    }
}
