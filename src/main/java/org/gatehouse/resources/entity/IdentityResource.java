package org.gatehouse.resources.entity;

import java.util.Map;
import java.util.Set;

/** Duende's {@code IdentityResource}: a named group of user claims ({@code openid}, {@code profile}, …). */
public record IdentityResource(
        String name,
        String displayName,
        String description,
        boolean required,
        boolean emphasize,
        boolean enabled,
        boolean showInDiscoveryDocument,
        Set<String> userClaims,
        Map<String, String> properties) {
}
