package org.gatehouse.resources.entity;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gatehouse.clients.entity.Secret;

/**
 * Duende's {@code ApiResource}: an API, named by the {@code aud} of the tokens meant for it, grouping
 * the scopes it accepts.
 */
public record ApiResource(
        String name,
        String displayName,
        String description,
        boolean enabled,
        boolean showInDiscoveryDocument,
        Set<String> scopes,
        List<Secret> apiSecrets,
        Set<String> userClaims,
        Set<String> allowedAccessTokenSigningAlgorithms,
        boolean requireResourceIndicator,
        Map<String, String> properties) {
}
