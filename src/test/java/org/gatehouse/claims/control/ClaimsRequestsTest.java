package org.gatehouse.claims.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gatehouse.Fixtures;
import org.gatehouse.claims.entity.ClaimsRequest;
import org.gatehouse.claims.entity.RequestedClaims;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.protocol.entity.OAuthError;
import org.gatehouse.resources.entity.IdentityResource;
import org.gatehouse.resources.entity.Resources;
import org.gatehouse.resources.entity.StandardIdentityResources;
import org.junit.jupiter.api.Test;

/** The claims parameter, OIDC Core §5.5: what is granted of it, and what fails the request. */
class ClaimsRequestsTest {

    private static final Client CLIENT = Fixtures.validClient("{ \"ClientId\": \"web\", \"RequireClientSecret\": false,"
            + " \"AllowedGrantTypes\": [ \"authorization_code\" ], \"RedirectUris\": [ \"https://app.example/cb\" ],"
            + " \"AllowedScopes\": [ \"openid\", \"profile\", \"email\", \"off\" ] }");

    private final ClaimsRequests requests;
    {
        var identity = new ArrayList<>(StandardIdentityResources.ALL);
        identity.add(new IdentityResource("off", null, null, false, false, false, true, Set.of("badge"), Map.of()));
        requests = TestClaimsRequests.of(new Resources(identity, List.of(), List.of()));
    }

    private ClaimsRequest read(String json, String... scopes) {
        return requests.read(CLIENT, List.of(scopes), Optional.of(json)).fold(r -> r, e -> {
            throw new AssertionError(e.toString());
        });
    }

    private OAuthError error(String json) {
        return requests.read(CLIENT, List.of("openid"), Optional.of(json)).fold(r -> null, e -> e);
    }

    @Test
    void withoutTheParameterNothingIsAsked() {
        assertEquals(ClaimsRequest.NONE, requests.read(CLIENT, List.of("openid"), Optional.empty()).fold(r -> r, e -> null));
    }

    @Test
    void claimsOfAllowedIdentityResourcesAreGrantedWhereAsked() {
        var request = read("{\"userinfo\": {\"name\": {\"essential\": true}, \"email\": null},"
                + " \"id_token\": {\"email_verified\": null}}", "openid");
        assertEquals(new RequestedClaims(Set.of("email_verified"), Set.of("name", "email")), request.claims());
        assertEquals(List.of("email", "profile"), request.identityResources(), "their resources go on the consent page");
    }

    @Test
    void aResourceTheScopesAlreadyBringNeedsNoExtraConsent() {
        assertEquals(List.of(), read("{\"userinfo\": {\"name\": null}}", "openid", "profile").identityResources());
    }

    @Test
    void theParameterNeverWidensWhatTheClientMayHave() {
        var request = read("{\"userinfo\": {\"phone_number\": null, \"badge\": null, \"unknown\": null}}", "openid");
        assertTrue(request.claims().isEmpty(), "phone is not allowed, the badge's resource is disabled, unknown is no claim");
        assertEquals(List.of(), request.identityResources());
    }

    @Test
    void protocolAndLanguageTaggedClaimsAreNotUserClaims() {
        assertTrue(read("{\"id_token\": {\"sub\": null, \"acr\": null, \"auth_time\": {\"essential\": true},"
                + " \"name#de\": null}}", "openid").claims().isEmpty());
    }

    @Test
    void aSubValueNamesTheOnlyUserTheResponseMayBeFor() { // §5.5.1
        assertEquals(Optional.of("248289761001"), read("{\"id_token\": {\"sub\": {\"value\": \"248289761001\"}}}", "openid").subject());
        assertEquals(Optional.empty(), read("{\"userinfo\": {\"name\": null}}", "openid").subject());
    }

    @Test
    void anEssentialAcrGatehouseCannotMeetFailsTheRequest() { // §5.5.1.1
        assertEquals("unmet_authentication_requirements",
                error("{\"id_token\": {\"acr\": {\"essential\": true, \"values\": [\"https://refeds.org/profile/mfa\"]}}}").code());
        assertEquals("unmet_authentication_requirements",
                error("{\"id_token\": {\"acr\": {\"essential\": true, \"value\": \"2\"}}}").code());
    }

    @Test
    void anAcrGatehouseMeetsOrOneAskedVoluntarilyIsFine() {
        read("{\"id_token\": {\"acr\": {\"essential\": true, \"values\": [\"2\", \"https://refeds.org/profile/sfa\"]}}}", "openid");
        read("{\"id_token\": {\"acr\": {\"values\": [\"https://refeds.org/profile/mfa\"]}}}", "openid");
        read("{\"id_token\": {\"acr\": {\"essential\": true}}}", "openid");
    }

    @Test
    void malformedJsonIsInvalidRequest() {
        for (String json : List.of("{", "[]", "\"x\"", "{\"userinfo\": 5}", "{\"id_token\": {\"name\": 5}}")) {
            assertEquals("invalid_request", error(json).code(), json);
        }
    }
}
