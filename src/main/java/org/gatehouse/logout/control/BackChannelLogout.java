package org.gatehouse.logout.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.gatehouse.clients.control.ClientStore;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.grants.control.GrantStore;
import org.gatehouse.logout.entity.LogoutNotice;
import org.gatehouse.protocol.entity.Form;

/**
 * OpenID Connect Back-Channel Logout 1.0 §2.5: logout tokens POSTed to each client's {@code BackChannelLogoutUri},
 * server to server, never while a browser waits. The outbox ({@link LogoutNotices}) is written with the end of the
 * session and read by every node every few seconds and at once after a logout; each notice is delivered by the one
 * node that claims it, with short timeouts, each on its own thread so that a slow receiver holds up no other, and
 * retried with a doubling delay until {@link #GIVE_UP_AFTER}. A node that dies while delivering leaves its claim to
 * lapse, and another node delivers: a receiver may see a token twice (the same {@code jti}), never not at all.
 */
@ApplicationScoped
public class BackChannelLogout {

    private static final Logger LOG = Logger.getLogger(BackChannelLogout.class.getName());

    /** How many notices a node takes on per round: its threads and connections stay bounded. */
    static final int BATCH = 50;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    /** Longer than an attempt can take, so that no other node takes a notice over while it is being delivered. */
    static final Duration LEASE = Duration.ofSeconds(30);
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration LONGEST_RETRY = Duration.ofMinutes(5);
    static final Duration GIVE_UP_AFTER = Duration.ofHours(1);

    /** No redirects: a logout token goes to the registered URI only. */
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(CONNECT_TIMEOUT).build();

    @Inject
    LogoutNotices notices;

    @Inject
    LogoutTokens tokens;

    @Inject
    ClientStore clients;

    @Inject
    Clock clock;

    @Resource
    ManagedExecutorService executor;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** Adds a notice for the client to the caller's transaction, delivered as soon as that commits. */
    public void add(Client client, String subjectId, String sessionId, String issuer) {
        notices.add(new LogoutNotice(GrantStore.newFamily(), client.clientId(), subjectId, sessionId, issuer, clock.millis()));
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    deliverSoon();
                }
            }
        });
    }

    /** Starts delivering what is due now, without waiting for the next round. */
    void deliverSoon() {
        executor.execute(this::deliverDue);
    }

    /** One round: each notice due now that no node holds is attempted on a thread of its own. */
    public void deliverDue() {
        try {
            for (String id : notices.due(BATCH)) {
                executor.execute(() -> attempt(id));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Back-channel logout: the outbox cannot be read; will retry", e);
        }
    }

    private void attempt(String id) {
        try {
            notices.claim(id, LEASE).ifPresent(this::deliver);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Back-channel logout: notice " + id + " failed; will retry", e);
        }
    }

    private void deliver(LogoutNotice notice) {
        var client = clients.find(notice.clientId()).filter(Client::enabled);
        String uri = client.map(c -> c.logout().backChannelLogoutUri()).orElse(null);
        if (uri == null) { // removed, disabled or no longer listening since the logout: nobody to tell
            notices.remove(notice.id());
            return;
        }
        var token = tokens.mint(client.get(), notice);
        if (token.isEmpty()) {
            retryOrGiveUp(notice, "no signing key has an algorithm the client accepts");
            return;
        }
        var request = HttpRequest.newBuilder(URI.create(uri))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("logout_token=" + Form.encode(token.get()), StandardCharsets.UTF_8))
                .build();
        try {
            int status = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 == 2) { // §2.8: 200 OK (204 is no failure either)
                notices.remove(notice.id());
            } else if (status / 100 == 4 && status != 408 && status != 429) {
                // §2.8: 400 is the receiver rejecting this token; the same token again would be rejected too.
                LOG.warning("Back-channel logout: " + notice.clientId() + " refused the logout token with HTTP " + status
                        + "; not retried");
                notices.remove(notice.id());
            } else {
                retryOrGiveUp(notice, "HTTP " + status);
            }
        } catch (IOException e) {
            retryOrGiveUp(notice, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            notices.retryAt(notice.id(), clock.instant()); // shutting down: another node, or this one after restart
        }
    }

    private void retryOrGiveUp(LogoutNotice notice, String failure) {
        Instant now = clock.instant();
        if (now.isAfter(Instant.ofEpochMilli(notice.createdAt()).plus(GIVE_UP_AFTER))) {
            LOG.warning("Back-channel logout: gave up on " + notice.clientId() + " after " + (notice.attempts() + 1)
                    + " attempts (" + failure + ")");
            notices.remove(notice.id());
            return;
        }
        var delay = retryDelay(notice.attempts());
        LOG.info("Back-channel logout: " + notice.clientId() + " not reached (" + failure + "); retrying in " + delay);
        notices.retryAt(notice.id(), now.plus(delay));
    }

    /** 1 s, 2 s, 4 s, … up to {@link #LONGEST_RETRY} after the attempt that failed. */
    static Duration retryDelay(int failedBefore) {
        var delay = FIRST_RETRY.multipliedBy(1L << Math.min(failedBefore, 20));
        return delay.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : delay;
    }
}
