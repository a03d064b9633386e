package org.gatehouse.token.control;

import static org.gatehouse.protocol.entity.ErrorCode.SERVER_ERROR;
import static org.gatehouse.protocol.entity.ErrorCode.UNAUTHORIZED_CLIENT;
import static org.gatehouse.protocol.entity.Parameters.single;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.gatehouse.clients.entity.AuthenticatedClient;
import org.gatehouse.issuance.control.AccessTokenIssuer;
import org.gatehouse.protocol.entity.Form;
import org.gatehouse.protocol.entity.GrantTypes;
import org.gatehouse.protocol.entity.OAuthError;
import org.gatehouse.protocol.entity.Outcome;
import org.gatehouse.protocol.entity.Parameters;
import org.gatehouse.resources.control.ScopeValidator;
import org.gatehouse.token.control.ClientCredentialsGrant.Request;
import org.gatehouse.token.entity.TokenResponse;

/** The client credentials grant (RFC 6749 §4.4): a client gets a token for itself. */
@ApplicationScoped
public class ClientCredentialsGrant implements GrantHandler<Request> {

    /** §4.4.2: the scope requested (empty: the client's default), and RFC 8707's resources. */
    public record Request(Optional<String> scope, List<String> resources) {
    }

    @Inject
    ScopeValidator scopes;

    @Inject
    AccessTokenIssuer tokens;

    @Override
    public String grantType() {
        return GrantTypes.CLIENT_CREDENTIALS;
    }

    @Override
    public Parameters parameters() {
        return Parameters.of(single("scope", 2000));
    }

    @Override
    public Outcome<AuthenticatedClient> permit(AuthenticatedClient client) {
        if (!client.client().allowsGrantType(GrantTypes.CLIENT_CREDENTIALS)) {
            return Outcome.failure(new OAuthError(UNAUTHORIZED_CLIENT, "the client may not use the client_credentials grant"));
        }
        if (!client.isConfidential()) { // §4.4: "MUST only be used by confidential clients"
            return Outcome.failure(new OAuthError(UNAUTHORIZED_CLIENT, "the client_credentials grant needs client authentication"));
        }
        return Outcome.success(client);
    }

    @Override
    public Outcome<Request> read(Form form) {
        return Outcome.success(new Request(form.value("scope"), form.values("resource")));
    }

    @Override
    public Outcome<TokenResponse> handle(AuthenticatedClient authenticated, Request request, String issuer) {
        var client = authenticated.client();
        return scopes.forClientCredentials(client, request.scope(), request.resources())
                // RFC 9068 §2.2: sub is the client itself when no resource owner is involved.
                .then(granted -> tokens.issue(issuer, client, client.clientId(), granted, authenticated.confirmation())
                        .map(token -> Outcome.success(new TokenResponse(token, authenticated.tokenType(),
                                client.tokens().accessTokenLifetime(), granted.scope())))
                        .orElseGet(() -> Outcome.failure(new OAuthError(SERVER_ERROR, // prevented by start-up checks
                                "no signing key has an algorithm the requested APIs accept"))));
    }
}
