package org.gatehouse.clients.control;

import static org.gatehouse.protocol.entity.ErrorCode.INVALID_CLIENT;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.gatehouse.clients.entity.AuthenticatedClient;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.clients.entity.ClientChannel;
import org.gatehouse.clients.entity.Credentials;
import org.gatehouse.clients.entity.Secret;
import org.gatehouse.configuration.entity.Feature;
import org.gatehouse.configuration.entity.Features;
import org.gatehouse.network.boundary.ClientAddresses;
import org.gatehouse.platform.control.FailureLog;
import org.gatehouse.protocol.entity.Form;
import org.gatehouse.protocol.entity.OAuthError;
import org.gatehouse.protocol.entity.Outcome;

/**
 * Client authentication (RFC 6749 §2.3): {@code client_secret_basic}, {@code client_secret_post},
 * {@code private_key_jwt} and {@code client_secret_jwt} (RFC 7523 §2.2, unless switched off), {@code tls_client_auth} and
 * {@code self_signed_tls_client_auth} (RFC 8705 §2, with mutual TLS on: a {@code client_id} and nothing else in the
 * request, and a certificate the client's secrets name), or none for a public client. Failures say as little as
 * possible.
 *
 * <p>Wrong secrets are throttled per client and caller address (RFC 6819 §5.1.4.2.3): from 10 failures within 15
 * minutes, that client is refused from that address, unchecked, for 1 s doubling to 5 minutes. Not per client
 * alone: client ids are no secret, and anyone could then lock a service out of its tokens.
 */
@ApplicationScoped
public class ClientAuthenticator {

    @Inject
    ClientStore clients;

    @Inject
    ClientAssertions assertions;

    @Inject
    ReferencedSecrets referenced;

    @Inject
    Features features;

    @Inject
    Clock clock;

    /** The caller's throttle key (its address behind trusted proxies), asked only once a client has failed. */
    Supplier<String> callerAddress;

    @Inject
    ClientAddresses addresses;

    @Inject
    Instance<HttpServletRequest> request;

    private final FailureLog failures = new FailureLog(10, FailureLog.MAX_DELAY, 10_000);

    /** When each client last failed: while none has, authenticating costs no address look-up. */
    private final Map<String, Instant> lastFailure = new ConcurrentHashMap<>();

    @PostConstruct
    void init() {
        callerAddress = () -> addresses.of(request.get()).client().throttleKey();
    }

    public Outcome<AuthenticatedClient> authenticate(ClientChannel channel, Form form) {
        return CredentialsReader.read(channel.authorization(), form).then(credentials -> authenticate(credentials, channel));
    }

    public Outcome<AuthenticatedClient> authenticate(Credentials credentials, ClientChannel channel) {
        if (Credentials.PRIVATE_KEY_JWT.equals(credentials.method()) && !features.isOn(Feature.PRIVATE_KEY_JWT)) {
            return Outcome.failure(new OAuthError(INVALID_CLIENT, "private_key_jwt is switched off here"));
        }
        if (Credentials.CLIENT_SECRET_JWT.equals(credentials.method()) && !features.isOn(Feature.CLIENT_SECRET_JWT)) {
            return Outcome.failure(new OAuthError(INVALID_CLIENT, "client_secret_jwt is switched off here"));
        }
        var client = clients.find(credentials.id()).filter(Client::enabled);
        if (client.isEmpty()) {
            return Outcome.failure(new OAuthError(INVALID_CLIENT, "invalid client credentials"));
        }
        if (Credentials.CLIENT_SECRET_JWT.equals(credentials.method())
                && client.get().secrets().stream().noneMatch(secret -> secret.property() != null)) {
            // The MAC key is the secret itself; a Duende file holds only its hash.
            return Outcome.failure(new OAuthError(INVALID_CLIENT, "client_secret_jwt needs a SharedSecretReference secret:"
                    + " hashed client secrets cannot verify a MAC; use private_key_jwt or client_secret_basic"));
        }
        boolean byCertificate = credentials.secret() == null && channel.certificate().isPresent()
                && client.get().secrets().stream().anyMatch(Secret::namesCertificate);
        if (credentials.secret() == null && !byCertificate) {
            return client.get().requireClientSecret()
                    ? Outcome.failure(new OAuthError(INVALID_CLIENT, "this client must authenticate with its secret"))
                    : Outcome.success(new AuthenticatedClient(client.get(), Credentials.NONE));
        }
        var now = clock.instant();
        var last = lastFailure.get(credentials.id());
        String key = last != null && last.plus(FailureLog.WINDOW).isAfter(now) ? credentials.id() + " " + callerAddress.get() : null;
        if (key != null && !failures.blockedFor(key, now).isZero()) {
            return Outcome.failure(new OAuthError(INVALID_CLIENT, "too many failed attempts: try again later"));
        }
        String method = credentials.method();
        boolean proven;
        if (byCertificate) {
            var matched = CertificateMatcher.method(client.get().secrets(), channel.certificate().get(), now);
            proven = matched.isPresent();
            method = matched.orElse(method);
        } else {
            var secrets = client.get().secrets();
            proven = credentials.isSharedSecret()
                    ? SecretVerifier.matches(secrets, credentials.secret(), now) || referenced.matches(secrets, credentials.secret(), now)
                    : assertions.verify(client.get(), credentials, channel.issuer());
        }
        if (!proven) {
            lastFailure.put(credentials.id(), now); // known clients only: the map cannot outgrow the configuration
            failures.failed(key != null ? key : credentials.id() + " " + callerAddress.get(), now);
            return Outcome.failure(new OAuthError(INVALID_CLIENT, "invalid client credentials"));
        }
        return Outcome.success(new AuthenticatedClient(client.get(), method));
    }
}
