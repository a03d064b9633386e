package org.gatehouse.claims.entity;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The user claims an authorization request's {@code claims} parameter asked for by name (OIDC Core §5.5), beyond
 * those its scopes bring: for the ID token and for the UserInfo response. Only claims the client may receive are
 * kept (see {@code ClaimsRequests}); {@code sub}, {@code acr} and the other protocol claims are not user claims and
 * are never here.
 */
public record RequestedClaims(Set<String> idToken, Set<String> userInfo) {

    public static final RequestedClaims NONE = new RequestedClaims(Set.of(), Set.of());

    public RequestedClaims {
        idToken = Set.copyOf(idToken);
        userInfo = Set.copyOf(userInfo);
    }

    public boolean isEmpty() {
        return idToken.isEmpty() && userInfo.isEmpty();
    }

    /** Only the claims of {@code allowed}. */
    public RequestedClaims within(Set<String> allowed) {
        return new RequestedClaims(idToken.stream().filter(allowed::contains).collect(Collectors.toSet()),
                userInfo.stream().filter(allowed::contains).collect(Collectors.toSet()));
    }

    /** As stored with a grant: {@code {"id_token": [...], "userinfo": [...]}}, sorted. */
    public Map<String, Object> toJson() {
        return Map.of("id_token", List.copyOf(new TreeSet<>(idToken)), "userinfo", List.copyOf(new TreeSet<>(userInfo)));
    }

    /** What {@link #toJson} stored; NONE for a grant stored without it. */
    public static RequestedClaims fromJson(Map<String, Object> json) {
        if (json == null) {
            return NONE;
        }
        return new RequestedClaims(names(json.get("id_token")), names(json.get("userinfo")));
    }

    private static Set<String> names(Object list) {
        return list instanceof List<?> names ? Set.copyOf(names.stream().map(String::valueOf).toList()) : Set.of();
    }
}
