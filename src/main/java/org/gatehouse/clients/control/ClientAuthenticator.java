package org.gatehouse.clients.control;

import static org.gatehouse.protocol.entity.ErrorCode.INVALID_CLIENT;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import org.gatehouse.clients.entity.AuthenticatedClient;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.clients.entity.Credentials;
import org.gatehouse.protocol.entity.Form;
import org.gatehouse.protocol.entity.OAuthError;
import org.gatehouse.protocol.entity.Outcome;

/**
 * Client authentication (RFC 6749 §2.3): {@code client_secret_basic}, {@code client_secret_post}, or
 * none for a public client. Failures say as little as possible.
 */
@ApplicationScoped
public class ClientAuthenticator {

    @Inject
    ClientStore clients;

    @Inject
    Clock clock;

    /** @param authorization the {@code Authorization} header, or null */
    public Outcome<AuthenticatedClient> authenticate(String authorization, Form form) {
        return CredentialsReader.read(authorization, form).then(this::authenticate);
    }

    public Outcome<AuthenticatedClient> authenticate(Credentials credentials) {
        var client = clients.find(credentials.id()).filter(Client::enabled);
        if (client.isEmpty()) {
            return Outcome.failure(new OAuthError(INVALID_CLIENT, "invalid client credentials"));
        }
        if (credentials.secret() == null) {
            return client.get().requireClientSecret()
                    ? Outcome.failure(new OAuthError(INVALID_CLIENT, "this client must authenticate with its secret"))
                    : Outcome.success(new AuthenticatedClient(client.get(), Credentials.NONE));
        }
        if (!SecretVerifier.matches(client.get().secrets(), credentials.secret(), clock.instant())) {
            return Outcome.failure(new OAuthError(INVALID_CLIENT, "invalid client credentials"));
        }
        return Outcome.success(new AuthenticatedClient(client.get(), credentials.method()));
    }
}
