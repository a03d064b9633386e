package org.gatehouse.issuance.control;

import static org.gatehouse.protocol.entity.ErrorCode.SERVER_ERROR;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.gatehouse.issuance.entity.UserTokenRequest;
import org.gatehouse.issuance.entity.UserTokenRequest.Token;
import org.gatehouse.protocol.entity.OAuthError;
import org.gatehouse.protocol.entity.Outcome;
import org.gatehouse.resources.entity.StandardIdentityResources;

/** The access token and, with the {@code openid} scope, the ID token issued together for a user. */
@ApplicationScoped
public class UserTokens {

    public record Issued(String accessToken, String idToken) {
    }

    @Inject
    AccessTokenIssuer accessTokens;

    @Inject
    IdentityTokenIssuer identityTokens;

    /** The tokens {@code request} asks for; a failure when no configured key has an algorithm they may be signed with. */
    public Outcome<Issued> issue(UserTokenRequest request) {
        var granted = request.granted();
        String accessToken = null;
        if (request.issues(Token.ACCESS_TOKEN)) {
            var issued = accessTokens.issue(request.issuer(), request.client(), request.user(), request.claims().api(),
                    request.requested().userInfo(), granted, request.familyId(), request.confirmation());
            if (issued.isEmpty()) {
                return Outcome.failure(new OAuthError(SERVER_ERROR, "no signing key has an algorithm the requested APIs accept"));
            }
            accessToken = issued.get();
        }
        String idToken = null;
        if (request.issues(Token.ID_TOKEN) && granted.scopes().contains(StandardIdentityResources.OPENID)) {
            var issued = identityTokens.issue(request.issuer(), request.client(), request.user(), request.nonce(),
                    request.claims().identity(), accessToken, request.code());
            if (issued.isEmpty()) {
                return Outcome.failure(new OAuthError(SERVER_ERROR, "no signing key has an algorithm the client accepts for ID tokens"));
            }
            idToken = issued.get();
        }
        return Outcome.success(new Issued(accessToken, idToken));
    }
}
