package org.gatehouse.issuance.control;

import java.time.Clock;
import org.gatehouse.configuration.entity.GatehouseSettings;
import org.gatehouse.grants.control.GrantStore;
import org.gatehouse.keys.control.SigningKeys;

/** Real issuers for tests of other packages, whose injected fields are package-private here. */
public final class TestIssuers {

    private TestIssuers() {
    }

    /** Access tokens signed with {@code keys}, or (AccessTokenType Reference) stored in {@code grants}. */
    public static AccessTokenIssuer accessTokens(SigningKeys keys, GatehouseSettings settings, GrantStore grants, Clock clock) {
        var issuer = new AccessTokenIssuer();
        issuer.keys = keys;
        issuer.settings = settings;
        issuer.grants = grants;
        issuer.clock = clock;
        return issuer;
    }

    /** ID tokens signed with {@code keys}. */
    public static IdentityTokenIssuer identityTokens(SigningKeys keys, Clock clock) {
        var issuer = new IdentityTokenIssuer();
        issuer.keys = keys;
        issuer.clock = clock;
        return issuer;
    }

    /** The access and ID tokens issued together for a user. */
    public static UserTokens userTokens(AccessTokenIssuer accessTokens, IdentityTokenIssuer identityTokens) {
        var tokens = new UserTokens();
        tokens.accessTokens = accessTokens;
        tokens.identityTokens = identityTokens;
        return tokens;
    }

    /** Refresh tokens in {@code grants}. */
    public static RefreshTokens refreshTokens(GrantStore grants, Clock clock) {
        var tokens = new RefreshTokens();
        tokens.grants = grants;
        tokens.clock = clock;
        return tokens;
    }
}
