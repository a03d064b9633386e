package org.gatehouse.claims.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.gatehouse.claims.entity.ClaimValue;
import org.gatehouse.resources.control.ResourceStore;
import org.gatehouse.resources.entity.ApiResource;
import org.gatehouse.resources.entity.ApiScope;
import org.gatehouse.resources.entity.IdentityResource;
import org.gatehouse.users.entity.UserProfile;

/**
 * Which of a user's claims a token or the UserInfo response carries: those the granted identity scopes
 * name (OIDC Core §5.4), and for access tokens those the granted API scopes and resources ask for.
 * Protocol claims ({@code sub}, {@code iss}, …) are never taken from the profile.
 */
@ApplicationScoped
public class IdentityClaims {

    @Inject
    ResourceStore resources;

    /** The claims of the identity scopes among {@code scopes}. */
    public Map<String, Object> forIdentityScopes(UserProfile user, Collection<String> scopes) {
        var catalog = resources.resources();
        var types = new HashSet<String>();
        scopes.forEach(scope -> catalog.identityResource(scope).filter(IdentityResource::enabled)
                .ifPresent(resource -> types.addAll(resource.userClaims())));
        return select(user, types);
    }

    /** The claims the API scopes among {@code scopes} and the APIs of {@code audiences} ask for. */
    public Map<String, Object> forApis(UserProfile user, Collection<String> scopes, Collection<String> audiences) {
        var catalog = resources.resources();
        var types = new HashSet<String>();
        scopes.forEach(scope -> catalog.apiScope(scope).filter(ApiScope::enabled)
                .ifPresent(apiScope -> types.addAll(apiScope.userClaims())));
        audiences.forEach(name -> catalog.apiResource(name).filter(ApiResource::enabled)
                .ifPresent(api -> types.addAll(api.userClaims())));
        return select(user, types);
    }

    private static Map<String, Object> select(UserProfile user, Set<String> types) {
        var claims = new LinkedHashMap<String, Object>();
        for (var claim : user.claims()) {
            if (types.contains(claim.type()) && !ClaimValue.PROTOCOL_CLAIMS.contains(claim.type())) {
                ClaimValue.add(claims, claim.type(), ClaimValue.typed(claim.value(), claim.valueType()));
            }
        }
        return claims;
    }
}
