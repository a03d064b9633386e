package org.gatehouse.clients.entity;

import java.util.Set;

/** How a client may use the front channel: redirects, PKCE, request objects, consent, sign-in. */
public record AuthorizeSettings(
        Set<String> redirectUris,
        boolean requirePkce,
        boolean allowPlainTextPkce,
        boolean requireRequestObject,
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
        String initiateLoginUri) {
}
