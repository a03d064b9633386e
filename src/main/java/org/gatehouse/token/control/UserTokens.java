package org.gatehouse.token.control;

import static org.gatehouse.protocol.entity.ErrorCode.SERVER_ERROR;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.protocol.entity.OAuthError;
import org.gatehouse.protocol.entity.Outcome;
import org.gatehouse.resources.entity.GrantedResources;
import org.gatehouse.resources.entity.StandardIdentityResources;
import org.gatehouse.token.entity.UserGrant;

/** The access token and, with the {@code openid} scope, the ID token issued together for a user. */
@ApplicationScoped
public class UserTokens {

    public record Issued(String accessToken, String idToken) {
    }

    @Inject
    AccessTokenIssuer accessTokens;

    @Inject
    IdentityTokenIssuer identityTokens;

    /**
     * @param apiClaims      the user claims the access token carries
     * @param idTokenClaims  the user claims the ID token carries
     * @param withAccessToken false for response_type id_token, which issues none
     * @param withIdToken     false for front-channel responses without id_token; needs the openid scope too
     */
    public Outcome<Issued> issue(String issuer, Client client, UserGrant user, GrantedResources granted,
            Map<String, Object> apiClaims, Map<String, Object> idTokenClaims, String nonce, String code,
            String familyId, boolean withAccessToken, boolean withIdToken) {
        String accessToken = null;
        if (withAccessToken) {
            var issued = accessTokens.issue(issuer, client, user, apiClaims, granted, familyId);
            if (issued.isEmpty()) {
                return Outcome.failure(new OAuthError(SERVER_ERROR, "no signing key has an algorithm the requested APIs accept"));
            }
            accessToken = issued.get();
        }
        String idToken = null;
        if (withIdToken && granted.scopes().contains(StandardIdentityResources.OPENID)) {
            var issued = identityTokens.issue(issuer, client, user, nonce, idTokenClaims, accessToken, code);
            if (issued.isEmpty()) {
                return Outcome.failure(new OAuthError(SERVER_ERROR, "no signing key has an algorithm the client accepts for ID tokens"));
            }
            idToken = issued.get();
        }
        return Outcome.success(new Issued(accessToken, idToken));
    }
}
