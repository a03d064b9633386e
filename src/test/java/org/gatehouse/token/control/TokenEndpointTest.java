package org.gatehouse.token.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gatehouse.Fixtures;
import org.gatehouse.clients.control.TestClientStores;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.configuration.entity.Features;
import org.gatehouse.dpop.control.TestDPoPProofs;
import org.gatehouse.protocol.control.FormParser;
import org.gatehouse.protocol.entity.OAuthError;
import org.gatehouse.resources.control.TestResourceStores;
import org.gatehouse.resources.entity.ApiScope;
import org.gatehouse.resources.entity.Resources;
import org.gatehouse.resources.entity.StandardIdentityResources;
import org.gatehouse.token.entity.TokenRequest;
import org.gatehouse.token.entity.TokenResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The steps {@link TokenEndpoint} runs for every grant before its handler: a well-formed request, an
 * authenticated client, the grant allowed for it, its sender constraints. Only one of these requests reaches a
 * handler's {@code handle} (to be refused there), so the handlers need no stores.
 */
class TokenEndpointTest {

    private static final List<Client> CLIENTS = List.of(
            Fixtures.validClient(Fixtures.m2m("m2m")),
            Fixtures.validClient(Fixtures.client("web", "[ \"authorization_code\" ]", "\"AllowOfflineAccess\": true",
                    "\"RedirectUris\": [ \"https://app.example/cb\" ]")),
            Fixtures.validClient(Fixtures.client("dpop", "[ \"client_credentials\", \"authorization_code\" ]",
                    "\"RequireDPoP\": true", "\"AllowOfflineAccess\": true", "\"RedirectUris\": [ \"https://app.example/cb\" ]")));

    private final TokenEndpoint endpoint = new TokenEndpoint();
    {
        endpoint.authenticator = TestClientStores.authenticator(CLIENTS,
                Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
        var clientCredentials = new ClientCredentialsGrant(); // its scopes checked, for the repeated resource below
        clientCredentials.scopes = TestResourceStores.scopeValidator(new Resources(StandardIdentityResources.ALL,
                List.of(new ApiScope("api1", null, null, false, false, true, true, Set.of(), Map.of())), List.of()));
        endpoint.route(List.of(clientCredentials, new AuthorizationCodeGrant(), new RefreshTokenGrant()));
        endpoint.features = Features.ALL;
        endpoint.proofs = TestDPoPProofs.withDefaultOptions();
    }

    private static String basic(String clientId) {
        return "Basic " + Base64.getEncoder().encodeToString((clientId + ":secret").getBytes(StandardCharsets.UTF_8));
    }

    private OAuthError error(String clientId, String body) {
        return error(clientId, body, List.of());
    }

    private OAuthError error(String clientId, String body, List<String> dpopProofs) {
        var form = FormParser.parseEncoded(body).fold(f -> f, e -> { throw new AssertionError(e.toString()); });
        return endpoint.handle(new TokenRequest(form, Fixtures.channel(clientId == null ? null : basic(clientId),
                        "https://id.example"), dpopProofs))
                .fold(TokenEndpointTest::unexpected, e -> e);
    }

    private static OAuthError unexpected(TokenResponse response) {
        throw new AssertionError("expected an error, got " + response);
    }

    @Test
    void theGrantTypesAreThoseOfTheHandlers() {
        assertEquals(List.of("authorization_code", "client_credentials", "refresh_token"), endpoint.grantTypes());
    }

    @Test
    void aRequestWithoutGrantTypeIsInvalid() {
        assertEquals("invalid_request", error("m2m", "scope=api1").code());
    }

    @Test
    void anUnknownGrantTypeIsUnsupportedOnlyOnceTheClientIsAuthenticated() {
        assertEquals("unsupported_grant_type", error("m2m", "grant_type=urn:example:unknown").code());
        assertEquals("invalid_client", error(null, "grant_type=urn:example:unknown").code());
        assertEquals("invalid_client", error(null, "grant_type=urn:example:unknown&client_id=m2m&client_secret=wrong").code());
    }

    @Test
    void parametersMayNotRepeatExceptResource() { // RFC 6749 §3.2, RFC 8707 §2
        assertEquals("invalid_request", error("m2m", "grant_type=client_credentials&scope=api1&scope=api1").code());
        assertEquals("invalid_request", error("web", "grant_type=authorization_code&code=a&code=b").code());
        assertEquals("invalid_target", error("m2m", "grant_type=client_credentials&resource=urn:a&resource=urn:b").code());
    }

    @Test
    void eachGrantBoundsItsOwnParameters() {
        assertEquals("invalid_request", error("web", "grant_type=authorization_code&code=" + "c".repeat(101)).code());
        assertEquals("invalid_request", error("web", "grant_type=refresh_token&refresh_token=" + "r".repeat(101)).code());
        assertEquals("invalid_request", error("m2m", "grant_type=client_credentials&scope=" + "s".repeat(2001)).code());
        // Parameters a grant does not know are ignored (RFC 6749 §3.2), within the general bound.
        assertEquals("invalid_request", error("web", "grant_type=authorization_code").code(), "code is missing");
    }

    @Test
    void aGrantTheClientMayNotUseIsUnauthorized() {
        assertEquals("unauthorized_client", error("m2m", "grant_type=authorization_code&code=c").code());
        assertEquals("unauthorized_client", error("m2m", "grant_type=refresh_token&refresh_token=r").code());
        assertEquals("unauthorized_client", error("web", "grant_type=client_credentials").code());
    }

    /** RequireDPoP (RFC 9449 §5): no grant without a DPoP proof, whose tokens would be bearer tokens. */
    @ParameterizedTest
    @ValueSource(strings = {"grant_type=client_credentials&scope=api1", "grant_type=authorization_code&code=c",
            "grant_type=refresh_token&refresh_token=r"})
    void aClientRequiringDPoPIsRefusedEveryGrantWithoutAProof(String body) {
        var error = error("dpop", body);
        assertEquals("invalid_dpop_proof", error.code());
        assertEquals("the client requires DPoP: send a DPoP proof", error.description());
    }

    /** §4.3: one header holding a signed JWT, checked once the client may use the grant, before the grant is read. */
    @ParameterizedTest
    @ValueSource(strings = {"grant_type=client_credentials&scope=api1", "grant_type=authorization_code&code=c",
            "grant_type=refresh_token&refresh_token=r"})
    void aMalformedOrRepeatedProofIsInvalidOnEveryGrant(String body) {
        assertEquals("invalid_dpop_proof", error("dpop", body, List.of("not-a-jwt")).code());
        assertEquals("send exactly one DPoP header", error("dpop", body, List.of("a", "b")).description());
    }
}
