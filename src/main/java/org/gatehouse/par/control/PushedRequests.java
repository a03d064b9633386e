package org.gatehouse.par.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.grants.control.GrantStore;
import org.gatehouse.grants.entity.GrantType;
import org.gatehouse.par.entity.PushedAuthorizationOptions;
import org.gatehouse.protocol.control.FormParser;
import org.gatehouse.protocol.entity.Form;

/**
 * Pushed authorization requests (RFC 9126) in the grant store, like every other handle: stored hashed, under the
 * random part of their {@code request_uri}, for the client's {@code PushedAuthorizationLifetime} (else Duende's
 * global lifetime). A request is read at every step of its sign-in and consumed once, atomically, when its
 * authorization response is issued (§4: one-time use).
 */
@ApplicationScoped
public class PushedRequests {

    /** RFC 9126 §2.2: the URN namespace of request URIs. */
    public static final String PREFIX = "urn:ietf:params:oauth:request_uri:";

    @Inject
    GrantStore grants;

    @Inject
    PushedAuthorizationOptions options;

    /** A request pushed by {@code client}, which is good for {@link #lifetime}. */
    public record Pushed(String requestUri, Duration lifetime) {
    }

    public Pushed push(Client client, Form request) {
        var lifetime = lifetime(client);
        String handle = grants.create(GrantType.PUSHED_AUTHORIZATION, client.clientId(), null, null, GrantStore.newFamily(),
                lifetime, request.encoded());
        return new Pushed(PREFIX + handle, lifetime);
    }

    /** The request behind {@code requestUri}, if {@code clientId} pushed it and it is neither expired nor used. */
    public Optional<Form> find(String clientId, String requestUri) {
        return handle(requestUri).flatMap(grants::find)
                .filter(grant -> grant.type() == GrantType.PUSHED_AUTHORIZATION && grant.clientId().equals(clientId)
                        && !grant.isConsumed())
                .flatMap(grant -> FormParser.parseEncoded(grant.data()).fold(Optional::of, error -> Optional.empty()));
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
