package org.gatehouse.par.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.grants.control.GrantStore;
import org.gatehouse.grants.entity.GrantType;
import org.gatehouse.par.entity.PushedAuthorizationOptions;
import org.gatehouse.par.entity.StoredRequest;
import org.gatehouse.protocol.control.FormParser;

/**
 * Pushed authorization requests (RFC 9126) in the grant store, like every other handle: stored hashed, under the
 * random part of their {@code request_uri}, for the client's {@code PushedAuthorizationLifetime} (else Duende's
 * global lifetime). A request is read at every step of its sign-in and consumed once, atomically, when its
 * authorization response is issued (§4: one-time use). Request objects verified at the authorization endpoint are
 * kept the same way, as if pushed on the client's behalf: their sign-in then never verifies them again, after their
 * {@code exp} or against their {@code jti}.
 */
@ApplicationScoped
public class PushedRequests {

    /** RFC 9126 §2.2: the URN namespace of request URIs. */
    public static final String PREFIX = "urn:ietf:params:oauth:request_uri:";

    /** Where a stored request came from, kept beside its parameters; never taken from what a client sends. */
    private static final String ORIGIN = "gatehouse:origin";
    private static final String PUSHED = "pushed;";
    private static final String SIGNED = "signed;";

    @Inject
    GrantStore grants;

    @Inject
    PushedAuthorizationOptions options;

    /** A request pushed by {@code client}, which is good for {@link #lifetime}. */
    public record Pushed(String requestUri, Duration lifetime) {
    }

    public Pushed push(Client client, StoredRequest request) {
        var lifetime = lifetime(client);
        String origin = (request.pushed() ? PUSHED : "") + (request.signed() ? SIGNED : "");
        var kept = request.parameters().without(Set.of(ORIGIN)).with(ORIGIN, origin);
        String handle = grants.create(GrantType.PUSHED_AUTHORIZATION, client.clientId(), null, null, GrantStore.newFamily(),
                lifetime, kept.encoded());
        return new Pushed(PREFIX + handle, lifetime);
    }

    /** The request behind {@code requestUri}, if {@code clientId} stored it and it is neither expired nor used. */
    public Optional<StoredRequest> find(String clientId, String requestUri) {
        return handle(requestUri).flatMap(grants::find)
                .filter(grant -> grant.type() == GrantType.PUSHED_AUTHORIZATION && grant.clientId().equals(clientId)
                        && !grant.isConsumed())
                .flatMap(grant -> FormParser.parseEncoded(grant.data()).fold(Optional::of, error -> Optional.empty()))
                .map(form -> {
                    // Requests stored before the origin was recorded were all pushed, unsigned.
                    String origin = form.value(ORIGIN).orElse(PUSHED);
                    return new StoredRequest(form.without(Set.of(ORIGIN)), origin.contains(PUSHED), origin.contains(SIGNED));
                });
    }

    /** Uses the request up; true for exactly one of any number of concurrent callers. */
    public boolean consume(String requestUri) {
        return handle(requestUri).map(grants::consume).orElse(false);
    }

    /** Whether {@code requestUri} is one of this endpoint's, whatever its state. */
    public static boolean isPushed(String requestUri) {
        return requestUri.startsWith(PREFIX);
    }

    private Duration lifetime(Client client) {
        Integer seconds = client.authorize().pushedAuthorizationLifetime();
        return seconds != null ? Duration.ofSeconds(seconds) : options.lifetime();
    }

    private static Optional<String> handle(String requestUri) {
        return isPushed(requestUri) && requestUri.length() > PREFIX.length()
                ? Optional.of(requestUri.substring(PREFIX.length()))
                : Optional.empty();
    }
}
