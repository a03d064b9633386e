package org.gatehouse.resources.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gatehouse.Fixtures;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.protocol.entity.OAuthError;
import org.gatehouse.resources.entity.ApiResource;
import org.gatehouse.resources.entity.ApiScope;
import org.gatehouse.resources.entity.GrantedResources;
import org.gatehouse.resources.entity.IdentityResource;
import org.gatehouse.resources.entity.Resources;
import org.junit.jupiter.api.Test;

class ScopeValidatorTest {

    private static ApiScope scope(String name, boolean enabled) {
        return new ApiScope(name, null, null, false, false, enabled, true, Set.of(), Map.of());
    }

    private static ApiResource api(String name, boolean requireIndicator, Set<String> algorithms, String... scopes) {
        return new ApiResource(name, null, null, true, true, Set.of(scopes), List.of(), Set.of(), algorithms,
                requireIndicator, Map.of());
    }

    private static final Resources CATALOG = new Resources(
            List.of(new IdentityResource("openid", null, null, true, false, true, true, Set.of("sub"), Map.of())),
            List.of(scope("read", true), scope("write", true), scope("admin", false), scope("other", true)),
            List.of(api("https://orders.example", false, Set.of(), "read", "write"),
                    api("https://billing.example", false, Set.of("ES256"), "write"),
                    api("https://audit.example", true, Set.of(), "read"),
                    api("https://legacy.example", false, Set.of("RS256"), "write")));

    private final ScopeValidator validator = new ScopeValidator();
    {
        validator.store = new ResourceStore() {
            @Override
            public Resources resources() {
                return CATALOG;
            }
        };
    }

    private final Client client = allowed("[ \"write\", \"read\", \"admin\", \"openid\", \"offline_access\" ]");

    private static Client allowed(String scopes) {
        return Fixtures.validClient(Fixtures.m2m("m2m").replace("[ \"api1\" ]", scopes));
    }

    private GrantedResources granted(String scope, String... resources) {
        return validator.forClientCredentials(client, Optional.ofNullable(scope), List.of(resources))
                .fold(g -> g, e -> fail("expected a grant, got " + e));
    }

    private OAuthError error(String scope, String... resources) {
        return validator.forClientCredentials(client, Optional.ofNullable(scope), List.of(resources))
                .fold(g -> fail("expected an error, got " + g), e -> e);
    }

    @Test
    void withoutScopeTheClientGetsAllItsEnabledApiScopesSorted() {
        var other = allowed("[ \"read\", \"other\", \"admin\", \"openid\", \"offline_access\", \"nope\" ]");
        var grant = validator.forClientCredentials(other, Optional.empty(), List.of()).fold(g -> g, e -> fail(e.toString()));
        assertEquals(List.of("other", "read"), grant.scopes());
        assertEquals(List.of("https://orders.example"), grant.audiences());
    }

    @Test
    void withoutScopeAndWithoutApiScopesIsInvalidScope() {
        var none = allowed("[ \"openid\" ]");
        assertEquals("invalid_scope", validator.forClientCredentials(none, Optional.empty(), List.of())
                .fold(g -> fail(g.toString()), e -> e).code());
    }

    @Test
    void audiencesAreTheApisAcceptingTheScopesExceptThoseRequiringAnIndicator() {
        var read = granted("read");
        assertEquals(List.of("https://orders.example"), read.audiences());
        assertEquals(Set.of(), read.signingAlgorithms());
    }

    @Test
    void apisWithoutACommonSigningAlgorithmAreInvalidScopeWithoutResourceParameter() {
        assertEquals("invalid_scope", error("write").code()); // RFC 8707 §2: invalid_target is about resource
    }

    @Test
    void resourceIndicatorSelectsTheApiAndItsScopes() {
        var grant = granted("read write", "https://billing.example");
        assertEquals(List.of("write"), grant.scopes());
        assertEquals(List.of("https://billing.example"), grant.audiences());
        assertEquals(Set.of("ES256"), grant.signingAlgorithms());
        assertEquals(List.of("https://audit.example"), granted("read", "https://audit.example").audiences());
    }

    @Test
    void badResourceIndicatorIsInvalidTarget() {
        assertEquals("invalid_target", error("read", "https://orders.example#x").code());
        assertEquals("invalid_target", error("read", "orders").code());
        assertEquals("invalid_target", error("read", "https://unknown.example").code());
        assertEquals("invalid_target", error("read", "https://billing.example").code());
    }

    @Test
    void identityScopesAndOfflineAccessAreInvalidScope() {
        assertEquals("invalid_scope", error("read openid").code());
        assertEquals("invalid_scope", error("offline_access").code());
    }

    @Test
    void disallowedDisabledUnknownOrMalformedScopeIsInvalidScope() {
        assertEquals("invalid_scope", error("other").code());
        assertEquals("invalid_scope", error("admin").code());
        assertEquals("invalid_scope", error("nope").code());
        assertEquals("invalid_scope", error("read  write").code());
        assertEquals("invalid_scope", error(" read").code());
    }
}
