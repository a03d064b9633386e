package org.gatehouse.claims.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gatehouse.resources.control.TestResourceStores;
import org.gatehouse.resources.entity.ApiResource;
import org.gatehouse.resources.entity.ApiScope;
import org.gatehouse.resources.entity.IdentityResource;
import org.gatehouse.resources.entity.Resources;
import org.gatehouse.resources.entity.StandardIdentityResources;
import org.gatehouse.users.entity.UserClaim;
import org.gatehouse.users.entity.UserProfile;
import org.junit.jupiter.api.Test;

/** Which profile claims go where: OIDC Core §5.4 for identity scopes, the API's claims for access tokens. */
class IdentityClaimsTest {

    private static final String BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean";
    private static final String INTEGER = "http://www.w3.org/2001/XMLSchema#integer";

    private final IdentityClaims claims = new IdentityClaims();
    {
        var identity = new ArrayList<>(StandardIdentityResources.ALL);
        identity.add(new IdentityResource("badge", null, null, false, false, false, true, Set.of("badge"), Map.of()));
        claims.resources = TestResourceStores.of(new Resources(identity,
                List.of(new ApiScope("api1", null, null, false, false, true, true, Set.of("role"), Map.of()),
                        new ApiScope("off", null, null, false, false, false, true, Set.of("department"), Map.of())),
                List.of(new ApiResource("https://api.example", null, null, true, true, Set.of("api1"), List.of(),
                        Set.of("department"), Set.of(), false, Map.of()))));
    }

    private static final UserProfile ALICE = new UserProfile("1", "alice", List.of(
            new UserClaim("sub", "someone-else", ""),
            new UserClaim("iss", "https://evil.example", ""),
            new UserClaim("auth_time", "0", INTEGER),
            new UserClaim("name", "Alice Smith", ""),
            new UserClaim("email", "alice@example.com", ""),
            new UserClaim("email_verified", "true", BOOLEAN),
            new UserClaim("updated_at", "1700000000", INTEGER),
            new UserClaim("address", "{ \"street_address\": \"1 Main St\", \"country\": \"NZ\" }", "json"),
            new UserClaim("phone_number", "+64 21 000", ""),
            new UserClaim("role", "admin", ""),
            new UserClaim("role", "user", ""),
            new UserClaim("department", "sales", ""),
            new UserClaim("badge", "gold", "")));

    @Test
    void openidAloneTakesNoProfileClaims() { // sub is the protocol's, never the profile's
        assertEquals(Map.of(), claims.forUserInfo(ALICE, List.of("openid"), List.of()));
    }

    @Test
    void onlyClaimsOfGrantedIdentityScopes() {
        assertEquals(Map.of("name", "Alice Smith", "updated_at", 1_700_000_000L),
                claims.forUserInfo(ALICE, List.of("openid", "profile"), List.of()));
        assertEquals(Map.of("email", "alice@example.com", "email_verified", true),
                claims.forUserInfo(ALICE, List.of("openid", "email", "api1", "offline_access"), List.of()));
    }

    @Test
    void claimsAreTyped() {
        var all = claims.forUserInfo(ALICE, List.of("openid", "profile", "email", "address"), List.of());
        assertEquals(Boolean.TRUE, all.get("email_verified"));
        assertEquals(1_700_000_000L, all.get("updated_at"));
        assertEquals(Map.of("street_address", "1 Main St", "country", "NZ"), all.get("address")); // OIDC Core §5.1.1
    }

    @Test
    void disabledIdentityResourcesGiveNothing() {
        assertEquals(Map.of(), claims.forUserInfo(ALICE, List.of("openid", "badge"), List.of()));
    }

    @Test
    void protocolClaimsAreNeverTakenFromTheProfile() {
        var forged = new UserProfile("1", "alice", List.of(new UserClaim("sub", "x", ""), new UserClaim("nonce", "x", ""),
                new UserClaim("aud", "x", ""), new UserClaim("name", "Alice", "")));
        var identity = new ArrayList<>(StandardIdentityResources.ALL);
        identity.add(new IdentityResource("forge", null, null, false, false, true, true, Set.of("sub", "nonce", "aud", "name"),
                Map.of()));
        var forging = new IdentityClaims();
        forging.resources = TestResourceStores.of(new Resources(identity, List.of(), List.of()));
        assertEquals(Map.of("name", "Alice"), forging.forUserInfo(forged, List.of("openid", "forge"), List.of()));
    }

    @Test
    void apiClaimsComeFromTheApiScopesAndTheAudiences() {
        assertEquals(Map.of("role", List.of("admin", "user"), "department", "sales"),
                claims.forApis(ALICE, List.of("openid", "profile", "api1"), List.of("https://api.example")));
        assertEquals(Map.of("role", List.of("admin", "user")), claims.forApis(ALICE, List.of("api1"), List.of()));
        assertEquals(Map.of(), claims.forApis(ALICE, List.of("openid", "profile", "off"), List.of()));
    }
}
