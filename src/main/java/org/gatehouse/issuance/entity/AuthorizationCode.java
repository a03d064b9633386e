package org.gatehouse.issuance.entity;

import java.util.List;
import java.util.Set;
import org.gatehouse.claims.entity.RequestedClaims;

/**
 * What an authorization code stands for (RFC 6749 §4.1.2): the client and redirect URI it is bound to,
 * the PKCE challenge (RFC 7636), the DPoP key it is bound to ({@code dpop_jkt}, RFC 9449 §10; null: none), the user, the scopes and APIs granted and the claims asked for by name. {@code familyId} groups it with
 * everything issued for it, so that a replay revokes them all.
 */
public record AuthorizationCode(
        String clientId,
        String redirectUri,
        String codeChallenge,
        String codeChallengeMethod,
        String nonce,
        UserGrant user,
        List<String> scopes,
        List<String> audiences,
        Set<String> signingAlgorithms,
        RequestedClaims claims,
        String familyId,
        String dpopJkt) {
}
