package org.gatehouse.resources.control;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.gatehouse.clients.control.SecretReader;
import org.gatehouse.appsettings.SettingsNode;
import org.gatehouse.protocol.entity.ScopeToken;
import org.gatehouse.resources.entity.ApiResource;
import org.gatehouse.resources.entity.ApiScope;
import org.gatehouse.resources.entity.IdentityResource;

/** Reads Duende's {@code IdentityResources}, {@code ApiScopes} and {@code ApiResources} entries. */
public final class ResourceReader {

    private static final Set<String> SCOPE_LIKE = lower("Name", "DisplayName", "Description", "Required", "Emphasize",
            "Enabled", "ShowInDiscoveryDocument", "UserClaims", "Properties");
    private static final Set<String> API_RESOURCE = lower("Name", "DisplayName", "Description", "Enabled",
            "ShowInDiscoveryDocument", "Scopes", "ApiSecrets", "UserClaims", "AllowedAccessTokenSigningAlgorithms",
            "RequireResourceIndicator", "Properties");

    private ResourceReader() {
    }

    public static ApiScope apiScope(SettingsNode node) {
        String name = scopeName(node);
        if (name == null) {
            return null;
        }
        var scope = node.labelled(name);
        scope.warnAboutUnknownFields(SCOPE_LIKE);
        return new ApiScope(name, scope.string("DisplayName"), scope.string("Description"),
                scope.bool("Required", false), scope.bool("Emphasize", false), scope.bool("Enabled", true),
                scope.bool("ShowInDiscoveryDocument", true), Set.copyOf(scope.strings("UserClaims")),
                scope.dictionary("Properties"));
    }

    public static IdentityResource identityResource(SettingsNode node) {
        String name = scopeName(node);
        if (name == null) {
            return null;
        }
        var resource = node.labelled(name);
        resource.warnAboutUnknownFields(SCOPE_LIKE);
        var userClaims = Set.copyOf(resource.strings("UserClaims"));
        if (userClaims.isEmpty()) {
            resource.field("UserClaims").error("must name at least one claim: an identity resource is a group of claims");
        }
        return new IdentityResource(name, resource.string("DisplayName"), resource.string("Description"),
                resource.bool("Required", false), resource.bool("Emphasize", false), resource.bool("Enabled", true),
                resource.bool("ShowInDiscoveryDocument", true), userClaims, resource.dictionary("Properties"));
    }

    public static ApiResource apiResource(SettingsNode node) {
        String name = name(node);
        if (name == null) {
            return null;
        }
        var resource = node.labelled(name);
        resource.warnAboutUnknownFields(API_RESOURCE);
        return new ApiResource(name, resource.string("DisplayName"), resource.string("Description"),
                resource.bool("Enabled", true), resource.bool("ShowInDiscoveryDocument", true),
                Set.copyOf(resource.strings("Scopes")), SecretReader.read(resource.field("ApiSecrets")),
                Set.copyOf(resource.strings("UserClaims")),
                Set.copyOf(resource.strings("AllowedAccessTokenSigningAlgorithms")),
                resource.bool("RequireResourceIndicator", false), resource.dictionary("Properties"));
    }

    private static String name(SettingsNode node) {
        if (!node.isObject()) {
            node.error("must be a JSON object with at least a Name");
            return null;
        }
        String name = node.string("Name");
        if (name == null || name.isBlank()) {
            node.field("Name").error("is required");
            return null;
        }
        if (name.chars().anyMatch(c -> c <= ' ' || c == '"' || c == '\\')) {
            node.field("Name").error("\"" + name + "\" is not a valid name: no spaces, quotes or backslashes");
            return null;
        }
        return name;
    }

    /** A scope's name is what clients send in {@code scope}: an RFC 6749 §3.3 scope-token. */
    private static String scopeName(SettingsNode node) {
        String name = name(node);
        if (name != null && !ScopeToken.isToken(name)) {
            node.field("Name").error("\"" + name + "\" is not a valid scope name (RFC 6749 §3.3: printable ASCII,"
                    + " no spaces, quotes or backslashes)");
            return null;
        }
        return name;
    }

    private static Set<String> lower(String... names) {
        return Set.of(names).stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }
}
