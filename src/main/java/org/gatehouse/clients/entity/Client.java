package org.gatehouse.clients.entity;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An OAuth 2.0 / OpenID Connect client, with the properties and defaults of Duende IdentityServer's
 * {@code Client}. Immutable: it is validated once, when read from configuration or the store.
 * {@code allowedGrantTypes} holds wire values ({@code client_credentials}, …); {@code refresh_token}
 * is implied by {@code allowOfflineAccess}, as in Duende.
 */
public record Client(
        String clientId,
        String protocolType,
        boolean enabled,
        String clientName,
        String description,
        String clientUri,
        String logoUri,
        List<Secret> secrets,
        boolean requireClientSecret,
        Set<String> allowedGrantTypes,
        Set<String> allowedScopes,
        boolean allowOfflineAccess,
        List<ClientClaim> claims,
        Map<String, String> properties,
        AuthorizeSettings authorize,
        LogoutSettings logout,
        TokenSettings tokens,
        CrossDeviceSettings crossDevice,
        DPoPSettings dpop,
        FapiProfile fapi) {

    /** Longest accepted ClientId: the store's key column. */
    public static final int MAX_ID_LENGTH = 200;

    /** What users are shown: the ClientName, else the ClientId. */
    public String displayName() {
        return clientName == null || clientName.isEmpty() ? clientId : clientName;
    }

    public boolean allowsGrantType(String grantType) {
        return allowedGrantTypes.contains(grantType);
    }
}
