package org.gatehouse.configuration.entity;

import java.util.List;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.dpop.entity.DPoPOptions;
import org.gatehouse.grants.entity.TokenCleanupOptions;
import org.gatehouse.keys.entity.KeyManagementOptions;
import org.gatehouse.mtls.entity.MutualTlsOptions;
import org.gatehouse.network.entity.TrustedProxies;
import org.gatehouse.par.entity.PushedAuthorizationOptions;
import org.gatehouse.resources.entity.ApiResource;
import org.gatehouse.resources.entity.ApiScope;
import org.gatehouse.resources.entity.IdentityResource;
import org.gatehouse.sessions.entity.SessionOptions;
import org.gatehouse.users.entity.ConfiguredUser;
import org.gatehouse.users.entity.PasswordHashing;

/**
 * Everything Gatehouse was configured with, validated. {@code development} allows what production must not
 * (an issuer derived from each request's base URI, as Duende does, when {@code issuerUri} is null; keys stored
 * unencrypted).
 */
public record GatehouseSettings(
        boolean development,
        String issuerUri,
        TrustedProxies trustedProxies,
        String accessTokenJwtType,
        boolean emitStaticAudienceClaim,
        boolean emitScopesAsSpaceDelimitedStringInJwt,
        boolean strictClientAssertionAudience,
        boolean strictJarValidation,
        Features features,
        KeyManagementOptions keyManagement,
        TokenCleanupOptions tokenCleanup,
        SessionOptions sessions,
        DPoPOptions dpop,
        MutualTlsOptions mutualTls,
        PushedAuthorizationOptions pushedAuthorization,
        PasswordHashing passwordHashing,
        List<Configured<Client>> clients,
        List<Configured<IdentityResource>> identityResources,
        List<Configured<ApiScope>> apiScopes,
        List<Configured<ApiResource>> apiResources,
        List<Configured<ConfiguredUser>> users) {
}
