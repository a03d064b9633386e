package org.gatehouse.clients.entity;

import java.util.Set;

/** Lifetimes and contents of the tokens issued to a client; lifetimes are in seconds. */
public record TokenSettings(
        int identityTokenLifetime,
        Set<String> allowedIdentityTokenSigningAlgorithms,
        int accessTokenLifetime,
        int authorizationCodeLifetime,
        AccessTokenType accessTokenType,
        boolean includeJwtId,
        boolean alwaysSendClientClaims,
        boolean alwaysIncludeUserClaimsInIdToken,
        String clientClaimsPrefix,
        String pairWiseSubjectSalt,
        int absoluteRefreshTokenLifetime,
        int slidingRefreshTokenLifetime,
        RefreshTokenUsage refreshTokenUsage,
        RefreshTokenExpiration refreshTokenExpiration,
        boolean updateAccessTokenClaimsOnRefresh) {
}
