package org.gatehouse.resources.entity;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** All identity resources, API scopes and API resources, indexed by name. Immutable. */
public final class Resources {

    private final Map<String, IdentityResource> identityResources;
    private final Map<String, ApiScope> apiScopes;
    private final Map<String, ApiResource> apiResources;
    private final Map<String, List<ApiResource>> apiResourcesByScope;

    public Resources(List<IdentityResource> identityResources, List<ApiScope> apiScopes, List<ApiResource> apiResources) {
        this.identityResources = index(identityResources, IdentityResource::name);
        this.apiScopes = index(apiScopes, ApiScope::name);
        this.apiResources = index(apiResources, ApiResource::name);
        this.apiResourcesByScope = apiResources.stream()
                .flatMap(api -> api.scopes().stream().map(scope -> Map.entry(scope, api)))
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.collectingAndThen(
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList()), List::copyOf)));
    }

    private static <T> Map<String, T> index(List<T> items, Function<T, String> name) {
        return items.stream().collect(Collectors.toUnmodifiableMap(name, Function.identity()));
    }

    public Optional<IdentityResource> identityResource(String name) {
        return Optional.ofNullable(identityResources.get(name));
    }

    public Optional<ApiScope> apiScope(String name) {
        return Optional.ofNullable(apiScopes.get(name));
    }

    public Optional<ApiResource> apiResource(String name) {
        return Optional.ofNullable(apiResources.get(name));
    }

    public List<IdentityResource> identityResources() {
        return List.copyOf(identityResources.values());
    }

    public List<ApiScope> apiScopes() {
        return List.copyOf(apiScopes.values());
    }

    public List<ApiResource> apiResources() {
        return List.copyOf(apiResources.values());
    }

    /** The API resources that accept a scope. */
    public List<ApiResource> apiResourcesWithScope(String scope) {
        return apiResourcesByScope.getOrDefault(scope, List.of());
    }
}
