package org.gatehouse.issuance.entity;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gatehouse.claims.entity.RequestedClaims;
import org.gatehouse.protocol.entity.Confirmation;

/**
 * What a refresh token stands for: the client, the user's grant, the scopes and APIs granted (RFC 6749
 * §6: a refresh never widens them), the user claims its access tokens carry unless
 * {@code UpdateAccessTokenClaimsOnRefresh}, the end of its absolute lifetime (null: none), and the claims the
 * authorization request asked for by name (OIDC Core §5.5), for the ID tokens and UserInfo of every refresh, and
 * the keys a public client's token is bound to (its DPoP key, RFC 9449 §5, and its TLS client certificate, RFC 8705
 * §4; null: not bound), which its successors keep.
 */
public record RefreshToken(
        String clientId,
        UserGrant user,
        List<String> scopes,
        List<String> audiences,
        Set<String> signingAlgorithms,
        Map<String, Object> accessTokenClaims,
        Instant created,
        Instant absoluteExpiry,
        RequestedClaims claims,
        String familyId,
        Confirmation confirmation) {

    /** The same token, bound to the keys a public client proved when it was issued. */
    public RefreshToken boundTo(Optional<Confirmation> confirmation) {
        return new RefreshToken(clientId, user, scopes, audiences, signingAlgorithms, accessTokenClaims, created,
                absoluteExpiry, claims, familyId, confirmation.orElse(null));
    }
}
