package org.gatehouse.token.control;

import static org.gatehouse.protocol.entity.ErrorCode.SERVER_ERROR;
import static org.gatehouse.protocol.entity.ErrorCode.UNAUTHORIZED_CLIENT;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.gatehouse.clients.entity.AuthenticatedClient;
import org.gatehouse.protocol.entity.Form;
import org.gatehouse.protocol.entity.GrantTypes;
import org.gatehouse.protocol.entity.OAuthError;
import org.gatehouse.protocol.entity.Outcome;
import org.gatehouse.resources.control.ScopeValidator;
import org.gatehouse.token.entity.TokenResponse;

/** The client credentials grant (RFC 6749 §4.4): a client gets a token for itself. */
@ApplicationScoped
public class ClientCredentialsGrant {

    @Inject
    ScopeValidator scopes;

    @Inject
    AccessTokenIssuer tokens;

    public Outcome<TokenResponse> handle(AuthenticatedClient authenticated, Form form, String issuer) {
        var client = authenticated.client();
        if (!client.allowsGrantType(GrantTypes.CLIENT_CREDENTIALS)) {
            return Outcome.failure(new OAuthError(UNAUTHORIZED_CLIENT, "the client may not use the client_credentials grant"));
        }
        if (!authenticated.isConfidential()) { // RFC 6749 §4.4: "MUST only be used by confidential clients"
            return Outcome.failure(new OAuthError(UNAUTHORIZED_CLIENT, "the client_credentials grant needs client authentication"));
        }
        if (client.dpop().requireDPoP()) {
            return Outcome.failure(new OAuthError(UNAUTHORIZED_CLIENT, "the client requires DPoP, which Gatehouse does not offer yet"));
        }
        return scopes.forClientCredentials(client, form.value("scope"), form.values("resource"))
                // RFC 9068 §2.2: sub is the client itself when no resource owner is involved.
                .then(granted -> tokens.issue(issuer, client, client.clientId(), granted)
                        .map(token -> Outcome.success(new TokenResponse(token, "Bearer",
                                client.tokens().accessTokenLifetime(), granted.scope())))
                        .orElseGet(() -> Outcome.failure(new OAuthError(SERVER_ERROR,  // prevented by start-up checks
                                "no signing key has an algorithm the requested APIs accept"))));
    }
}
