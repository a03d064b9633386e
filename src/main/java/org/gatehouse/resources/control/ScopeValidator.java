package org.gatehouse.resources.control;

import static org.gatehouse.protocol.entity.ErrorCode.INVALID_SCOPE;
import static org.gatehouse.protocol.entity.ErrorCode.INVALID_TARGET;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.protocol.entity.ErrorCode;
import org.gatehouse.protocol.entity.OAuthError;
import org.gatehouse.protocol.entity.Outcome;
import org.gatehouse.protocol.entity.ScopeToken;
import org.gatehouse.resources.entity.ApiResource;
import org.gatehouse.resources.entity.ApiScope;
import org.gatehouse.resources.entity.GrantedResources;
import org.gatehouse.resources.entity.IdentityResource;
import org.gatehouse.resources.entity.StandardIdentityResources;
import org.gatehouse.resources.entity.Resources;

/** Decides which scopes and APIs a token request gets. */
@ApplicationScoped
public class ScopeValidator {

    @Inject
    ResourceStore store;

    /**
     * For the client credentials grant: API scopes only (there is no user for identity scopes or
     * {@code offline_access}). Without a {@code scope} parameter the client gets all its API scopes
     * (RFC 6749 §3.3 lets the server pick a default). With {@code resource} parameters (RFC 8707) the
     * token is for those APIs only, and carries only their scopes.
     */
    public Outcome<GrantedResources> forClientCredentials(Client client, Optional<String> scope, List<String> resources) {
        var catalog = store.resources();
        var requested = new LinkedHashSet<String>();
        if (scope.isPresent()) {
            if (!ScopeToken.isScope(scope.get())) {
                return Outcome.failure(new OAuthError(INVALID_SCOPE, "malformed scope parameter (RFC 6749 section 3.3)"));
            }
            requested.addAll(List.of(scope.get().split(" ")));
        } else {
            client.allowedScopes().stream().filter(s -> catalog.apiScope(s).filter(ApiScope::enabled).isPresent())
                    .sorted().forEach(requested::add);
            if (requested.isEmpty()) {
                return Outcome.failure(new OAuthError(INVALID_SCOPE, "no scope requested, and the client has no API scopes"));
            }
        }
        for (String name : requested) {
            if (name.equals("offline_access") || catalog.identityResource(name).isPresent()) {
                return Outcome.failure(new OAuthError(INVALID_SCOPE,
                        "scope " + name + " needs a user; the client credentials grant has none"));
            }
            if (!client.allowedScopes().contains(name) || catalog.apiScope(name).filter(ApiScope::enabled).isEmpty()) {
                return Outcome.failure(new OAuthError(INVALID_SCOPE, "scope " + name + " is unknown or not allowed for this client"));
            }
        }
        return resources.isEmpty() ? forAllApis(catalog, requested) : forIndicatedApis(catalog, requested, resources);
    }

    /**
     * For a user's grant (authorization request, refresh): identity scopes, API scopes and
     * {@code offline_access}, each allowed to the client; identity scopes only with {@code openid} (OIDC
     * Core §3.1.2.1). The granted scopes keep the request's order; the APIs are those of its API scopes.
     */
    public Outcome<GrantedResources> forUser(Client client, List<String> requested, List<String> resources) {
        var catalog = store.resources();
        var apiScopes = new LinkedHashSet<String>();
        boolean identity = false;
        for (String name : requested) {
            if (name.equals(StandardIdentityResources.OFFLINE_ACCESS)) { // Duende: AllowOfflineAccess, not AllowedScopes
                if (!client.allowOfflineAccess()) {
                    return Outcome.failure(new OAuthError(INVALID_SCOPE, "the client may not have offline_access"));
                }
                continue;
            }
            if (!client.allowedScopes().contains(name)) {
                return Outcome.failure(new OAuthError(INVALID_SCOPE, "scope " + name + " is not allowed for this client"));
            }
            if (catalog.identityResource(name).filter(IdentityResource::enabled).isPresent()) {
                identity = true;
            } else if (catalog.apiScope(name).filter(ApiScope::enabled).isPresent()) {
                apiScopes.add(name);
            } else {
                return Outcome.failure(new OAuthError(INVALID_SCOPE, "scope " + name + " is unknown"));
            }
        }
        if (identity && !requested.contains(StandardIdentityResources.OPENID)) {
            return Outcome.failure(new OAuthError(INVALID_SCOPE, "identity scopes need the openid scope"));
        }
        var apis = resources.isEmpty() ? forAllApis(catalog, apiScopes) : forIndicatedApis(catalog, apiScopes, resources);
        return apis.then(granted -> Outcome.success(new GrantedResources(List.copyOf(new LinkedHashSet<>(requested)),
                granted.audiences(), granted.signingAlgorithms())));
    }

    /**
     * RFC 8707 §2.2: at the token endpoint, resource indicators narrow what a code or refresh token already grants.
     * Each must name an API of the grant (else {@code invalid_target}); the access token is then for those APIs alone,
     * with the grant's scopes that reach them and those that are no API's (identity scopes, {@code offline_access}).
     * Without indicators the grant is unchanged.
     */
    public Outcome<GrantedResources> narrowedTo(GrantedResources granted, List<String> indicators) {
        if (indicators.isEmpty()) {
            return Outcome.success(granted);
        }
        var catalog = store.resources();
        var apis = new ArrayList<ApiResource>();
        for (String indicator : new LinkedHashSet<>(indicators)) {
            if (!isAbsoluteWithoutFragment(indicator)) {
                return Outcome.failure(new OAuthError(INVALID_TARGET,
                        "resource must be an absolute URI without a fragment (RFC 8707 section 2)"));
            }
            var api = catalog.apiResource(indicator).filter(ApiResource::enabled);
            if (!granted.audiences().contains(indicator) || api.isEmpty()) {
                return Outcome.failure(new OAuthError(INVALID_TARGET, "resource " + indicator + " is not among the APIs granted"));
            }
            apis.add(api.get());
        }
        var reachable = new HashSet<String>();
        apis.forEach(api -> reachable.addAll(api.scopes()));
        return granted(granted.scopes().stream().filter(scope -> reachable.contains(scope) || catalog.apiScope(scope).isEmpty())
                .toList(), apis, INVALID_TARGET);
    }

    /** Without indicators: every enabled API that accepts one of the scopes, except those that must be named. */
    private static Outcome<GrantedResources> forAllApis(Resources catalog, Set<String> scopes) {
        var apis = scopes.stream()
                .flatMap(scope -> catalog.apiResourcesWithScope(scope).stream())
                .filter(api -> api.enabled() && !api.requireResourceIndicator())
                .distinct()
                .sorted(Comparator.comparing(ApiResource::name))
                .toList();
        return granted(new ArrayList<>(scopes), apis, INVALID_SCOPE);
    }

    /** RFC 8707 §2: each indicator is an absolute URI without fragment naming an API the scopes reach. */
    private static Outcome<GrantedResources> forIndicatedApis(Resources catalog, Set<String> scopes, List<String> indicators) {
        var apis = new ArrayList<ApiResource>();
        for (String indicator : new LinkedHashSet<>(indicators)) {
            if (!isAbsoluteWithoutFragment(indicator)) {
                return Outcome.failure(new OAuthError(INVALID_TARGET,
                        "resource must be an absolute URI without a fragment (RFC 8707 section 2)"));
            }
            var api = catalog.apiResource(indicator).filter(ApiResource::enabled);
            if (api.isEmpty() || api.get().scopes().stream().noneMatch(scopes::contains)) {
                return Outcome.failure(new OAuthError(INVALID_TARGET, "resource " + indicator
                        + " is unknown or not reachable with the requested scopes"));
            }
            apis.add(api.get());
        }
        var reachable = new HashSet<String>();
        apis.forEach(api -> reachable.addAll(api.scopes()));
        return granted(scopes.stream().filter(reachable::contains).toList(), apis, INVALID_TARGET);
    }

    /** @param conflict the error when the APIs share no signing algorithm: about the scopes, or the resources */
    private static Outcome<GrantedResources> granted(List<String> scopes, List<ApiResource> apis,
            ErrorCode conflict) {
        Set<String> algorithms = null;
        for (var api : apis) {
            if (!api.allowedAccessTokenSigningAlgorithms().isEmpty()) {
                if (algorithms == null) {
                    algorithms = new HashSet<>(api.allowedAccessTokenSigningAlgorithms());
                } else {
                    algorithms.retainAll(api.allowedAccessTokenSigningAlgorithms());
                }
            }
        }
        if (algorithms != null && algorithms.isEmpty()) {
            return Outcome.failure(new OAuthError(conflict,
                    "the requested APIs accept no common signing algorithm; request a token per API"));
        }
        return Outcome.success(new GrantedResources(List.copyOf(scopes), apis.stream().map(ApiResource::name).toList(),
                algorithms == null ? Set.of() : Set.copyOf(algorithms)));
    }

    private static boolean isAbsoluteWithoutFragment(String value) {
        try {
            var uri = new URI(value);
            return uri.isAbsolute() && uri.getRawFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
