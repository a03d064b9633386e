package org.gatehouse.resources.entity;

import java.util.Map;
import java.util.Set;

/** Duende's {@code ApiScope}: a permission a client asks for and an API checks. */
public record ApiScope(
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
