package org.gatehouse.revocation.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import org.gatehouse.clients.control.ClientAuthenticator;
import org.gatehouse.clients.entity.AuthenticatedClient;
import org.gatehouse.grants.control.GrantStore;
import org.gatehouse.grants.entity.GrantType;
import org.gatehouse.protocol.entity.Form;
import org.gatehouse.protocol.entity.OAuthError;
import org.gatehouse.protocol.entity.Outcome;
import org.gatehouse.token.control.TokenInspector;

/**
 * Token revocation (RFC 7009). A refresh token takes its whole family with it; a reference access
 * token is deleted. A client can revoke only its own tokens: another client's token is, for this
 * client, an invalid token, which §2.2 answers with 200 and which must reveal nothing. JWT access tokens
 * cannot be revoked: they are answered {@code unsupported_token_type} (§2.2.1).
 */
@ApplicationScoped
public class Revocation {


    @Inject
    ClientAuthenticator clients;

    @Inject
    GrantStore grants;

    @Inject
    TokenInspector inspector;

    /** @return whether a stored token was revoked (the response is 200 either way) */
    public Outcome<Boolean> revoke(String authorization, Form form, String issuer) {
        return form.checked(Set.of(), TokenInspector.PARAMETER_LIMITS)
                .then(checked -> clients.authenticate(authorization, checked))
                .then(client -> form.value("token")
                        .map(token -> revoke(client, token, issuer))
                        .orElseGet(() -> Outcome.failure(OAuthError.invalidRequest("token is missing"))));
    }

    private Outcome<Boolean> revoke(AuthenticatedClient client, String token, String issuer) {
        var grant = grants.find(token).filter(g -> g.clientId().equals(client.client().clientId()));
        if (grant.isPresent()) {
            if (grant.get().type() == GrantType.REFRESH_TOKEN) {
                grants.removeFamily(grant.get().familyId());
            } else {
                grants.remove(token);
            }
            return Outcome.success(true);
        }
        if (inspector.jwt(token, issuer).filter(t -> client.client().clientId().equals(t.clientId())).isPresent()) {
            return Outcome.failure(new OAuthError("unsupported_token_type",
                    "JWT access tokens cannot be revoked; they expire", 400));
        }
        return Outcome.success(false);
    }
}
