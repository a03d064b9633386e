package org.gatehouse.issuance.entity;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.gatehouse.claims.control.IdentityClaims.TokenClaims;
import org.gatehouse.claims.entity.RequestedClaims;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.protocol.entity.Confirmation;
import org.gatehouse.resources.entity.GrantedResources;

/**
 * What to issue for a user: which tokens, by which issuer, to which client, for which sign-in and grant,
 * with which user claims. {@code familyId} joins what is issued to the grant it stems from (a replay revokes
 * the family); {@code nonce} and {@code code} (null when absent) go into the ID token, the code as
 * {@code c_hash} (OIDC Core §3.3.2.11); {@code confirmation} the key the access token is bound to (RFC 9449).
 */
public record UserTokenRequest(String issuer, Client client, UserGrant user, GrantedResources granted, TokenClaims claims,
        String familyId, Set<Token> tokens, String nonce, String code, RequestedClaims requested,
        Optional<Confirmation> confirmation) {

    /** The tokens issued together for a user; an ID token only with the {@code openid} scope. */
    public enum Token {
        ACCESS_TOKEN,
        ID_TOKEN
    }

    public UserTokenRequest {
        tokens = Set.copyOf(tokens);
    }

    /** An access token and (with openid) an ID token, as the token endpoint issues them. */
    public static UserTokenRequest both(String issuer, Client client, UserGrant user, GrantedResources granted,
            TokenClaims claims, String familyId) {
        return new UserTokenRequest(issuer, client, user, granted, claims, familyId,
                EnumSet.allOf(Token.class), null, null, RequestedClaims.NONE, Optional.empty());
    }

    /** The same tokens, only those of {@code tokens} (a front-channel response type asks for some). */
    public UserTokenRequest only(Set<Token> tokens) {
        return new UserTokenRequest(issuer, client, user, granted, claims, familyId, tokens, nonce, code, requested, confirmation);
    }

    /** With the authorization request's nonce (null: none) in the ID token. */
    public UserTokenRequest withNonce(String nonce) {
        return new UserTokenRequest(issuer, client, user, granted, claims, familyId, tokens, nonce, code, requested, confirmation);
    }

    /** With the hash of the code issued beside it (null: none) in the ID token. */
    public UserTokenRequest withCode(String code) {
        return new UserTokenRequest(issuer, client, user, granted, claims, familyId, tokens, nonce, code, requested, confirmation);
    }

    /** With the claims the authorization request asked for by name; its UserInfo claims travel in the access token. */
    public UserTokenRequest withRequested(RequestedClaims requested) {
        return new UserTokenRequest(issuer, client, user, granted, claims, familyId, tokens, nonce, code, requested, confirmation);
    }

    /** With the access token bound to the key the client proved (empty: a bearer token). */
    public UserTokenRequest withConfirmation(Optional<Confirmation> confirmation) {
        return new UserTokenRequest(issuer, client, user, granted, claims, familyId, tokens, nonce, code, requested,
                confirmation);
    }

    public boolean issues(Token token) {
        return tokens.contains(token);
    }
}
