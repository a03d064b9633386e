package org.gatehouse.clients.entity;

import java.util.Set;

/**
 * How a client may use the front channel: redirects, PKCE, request objects, consent, sign-in. {@code requestUris} and
 * {@code allowUnsignedRequestObjects} are Gatehouse's (Duende has neither): where its request objects may be fetched
 * from (OIDC Dynamic Client Registration's {@code request_uris}), and whether an unsigned one ({@code alg: none}) is
 * read at all. {@code responseEncryption} is null when JARM responses are signed only.
 */
public record AuthorizeSettings(
        Set<String> redirectUris,
        boolean requirePkce,
        boolean allowPlainTextPkce,
        boolean requireRequestObject,
        Set<String> requestUris,
        boolean allowUnsignedRequestObjects,
        boolean allowAccessTokensViaBrowser,
        boolean requirePushedAuthorization,
        Integer pushedAuthorizationLifetime,
        boolean requireConsent,
        boolean allowRememberConsent,
        Integer consentLifetime,
        boolean enableLocalLogin,
        Set<String> identityProviderRestrictions,
        Integer userSsoLifetime,
        Set<String> allowedCorsOrigins,
        String initiateLoginUri,
        ResponseEncryption responseEncryption) {
}
