package org.gatehouse.claims.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.gatehouse.protocol.entity.ClaimValue;
import org.gatehouse.resources.control.ResourceStore;
import org.gatehouse.resources.entity.ApiResource;
import org.gatehouse.resources.entity.ApiScope;
import org.gatehouse.resources.entity.IdentityResource;
import org.gatehouse.users.control.UserProfiles;
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

    @Inject
    UserProfiles profiles;

    /** A user's claims for an access token ({@code api}) and an ID token ({@code identity}). */
    public record TokenClaims(Map<String, Object> api, Map<String, Object> identity) {
        public static final TokenClaims NONE = new TokenClaims(Map.of(), Map.of());
    }

    /**
     * The claims a user's tokens carry: those the APIs ask for, those {@code requestedForIdToken} names (for the ID
     * token) and, with {@code withIdentity}, those of the identity scopes. The profile is read only when one of them names a claim, so most token requests make
     * no round trip for it.
     */
    public TokenClaims forTokens(String subjectId, Collection<String> scopes, Collection<String> audiences,
            boolean withIdentity, Set<String> requestedForIdToken) {
        var apiTypes = apiClaimTypes(scopes, audiences);
        var identityTypes = new HashSet<>(requestedForIdToken); // OIDC Core §5.5: asked for the ID token by name
        if (withIdentity) {
            identityTypes.addAll(identityClaimTypes(scopes));
        }
        if (apiTypes.isEmpty() && identityTypes.isEmpty()) {
            return TokenClaims.NONE;
        }
        return profiles.find(subjectId)
                .map(user -> new TokenClaims(select(user, apiTypes), select(user, identityTypes)))
                .orElse(TokenClaims.NONE); // a user of another IdentityStore: no claims here
    }

    /** The claims of the identity scopes among {@code scopes}, and those {@code requested} by name. */
    public Map<String, Object> forUserInfo(UserProfile user, Collection<String> scopes, Collection<String> requested) {
        var types = identityClaimTypes(scopes);
        types.addAll(requested);
        return select(user, types);
    }

    /** The claims the API scopes among {@code scopes} and the APIs of {@code audiences} ask for. */
    public Map<String, Object> forApis(UserProfile user, Collection<String> scopes, Collection<String> audiences) {
        return select(user, apiClaimTypes(scopes, audiences));
    }

    /** Of {@code claims} (a grant's stored API claims), those the API scopes and APIs given still ask for. */
    public Map<String, Object> onlyForApis(Map<String, Object> claims, Collection<String> scopes, Collection<String> audiences) {
        var types = apiClaimTypes(scopes, audiences);
        var kept = new LinkedHashMap<String, Object>();
        claims.forEach((type, value) -> {
            if (types.contains(type)) {
                kept.put(type, value);
            }
        });
        return kept;
    }

    /** The claim types of the enabled identity resources among {@code scopes}. */
    public Set<String> identityClaimTypes(Collection<String> scopes) {
        var catalog = resources.resources();
        var types = new HashSet<String>();
        scopes.forEach(scope -> catalog.identityResource(scope).filter(IdentityResource::enabled)
                .ifPresent(resource -> types.addAll(resource.userClaims())));
        return types;
    }

    private Set<String> apiClaimTypes(Collection<String> scopes, Collection<String> audiences) {
        var catalog = resources.resources();
        var types = new HashSet<String>();
        scopes.forEach(scope -> catalog.apiScope(scope).filter(ApiScope::enabled)
                .ifPresent(apiScope -> types.addAll(apiScope.userClaims())));
        audiences.forEach(name -> catalog.apiResource(name).filter(ApiResource::enabled)
                .ifPresent(api -> types.addAll(api.userClaims())));
        return types;
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
