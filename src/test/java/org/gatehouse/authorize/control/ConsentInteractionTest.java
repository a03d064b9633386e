package org.gatehouse.authorize.control;

import static org.gatehouse.authorize.control.AuthorizeRequestValidatorTest.CATALOG;
import static org.gatehouse.authorize.control.AuthorizeRequestValidatorTest.interactive;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gatehouse.authorize.entity.AuthorizeRequest;
import org.gatehouse.authorize.entity.AuthorizeStep;
import org.gatehouse.authorize.entity.ConsentStep;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.consent.control.ConsentStore;
import org.gatehouse.pages.entity.ScopeChoice;
import org.gatehouse.protocol.entity.Form;
import org.gatehouse.resources.control.TestResourceStores;
import org.gatehouse.sessions.entity.UserSession;
import org.junit.jupiter.api.Test;

/**
 * {@link ConsentInteraction}: the consent page's choices and the user's decision, over the real validator and
 * sign-in decisions; remembered consents in memory, and a responder that answers with the scopes it was given.
 */
class ConsentInteractionTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final String ISSUER = "https://gatehouse.example";
    private static final String CARRIED = "client_id=web&redirect_uri=https%3A%2F%2Fapp.example%2Fcallback"
            + "&response_type=code&scope=openid%20profile%20api1%20offline_access&state=xyz"
            + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";

    private static final Client WEB = interactive("web", "authorization_code", "\"RequireConsent\": true",
            "\"AllowOfflineAccess\": true");
    private static final Client FORGETFUL = interactive("forgetful", "authorization_code", "\"RequireConsent\": true",
            "\"AllowRememberConsent\": false");

    private static final Optional<UserSession> ALICE = Optional.of(new UserSession("sid-1", "alice", NOW.minusSeconds(60),
            List.of("pwd"), Set.of(), Instant.MAX));

    /** Remembered consents: client id + "/" + subject to scopes. */
    private final Map<String, Collection<String>> remembered = new HashMap<>();

    private final ConsentInteraction consent = new ConsentInteraction();
    {
        var validator = AuthorizeRequestValidatorTest.validator(List.of(WEB, FORGETFUL));
        consent.requests = new CarriedRequests();
        consent.requests.validator = validator;
        consent.resources = TestResourceStores.of(CATALOG);
        consent.consents = new ConsentStore() {
            @Override
            public Optional<Set<String>> find(String clientId, String subjectId) {
                return Optional.ofNullable(remembered.get(clientId + "/" + subjectId)).map(Set::copyOf);
            }

            @Override
            public void remember(Client client, String subjectId, Collection<String> scopes) {
                remembered.put(client.clientId() + "/" + subjectId, List.copyOf(scopes));
            }
        };
        consent.responder = new AuthorizeResponder() {
            @Override
            public AuthorizeStep respond(AuthorizeRequest request, UserSession session, List<String> scopes, String issuer) {
                return new AuthorizeStep.Respond(request.redirection(), Map.of("granted", String.join(" ", scopes)));
            }
        };
        var decisions = new AuthorizeInteraction();
        decisions.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        decisions.consents = consent.consents;
        decisions.responder = consent.responder;
        consent.decisions = decisions;
    }

    private static Form posted(String carried, String... nameValues) {
        var parameters = new LinkedHashMap<String, List<String>>();
        parameters.put("authorize", List.of(carried));
        for (int i = 0; i < nameValues.length; i += 2) {
            parameters.computeIfAbsent(nameValues[i], n -> new ArrayList<>()).add(nameValues[i + 1]);
        }
        return new Form(parameters);
    }

    private AuthorizeStep answer(ConsentStep step) {
        return assertInstanceOf(ConsentStep.Answer.class, step).step();
    }

    private Map<String, String> responded(Form form) {
        return assertInstanceOf(AuthorizeStep.Respond.class, answer(consent.submit(form, ALICE, ISSUER))).parameters();
    }

    @Test
    void thePageListsTheRequestedScopesInPlainWords() {
        var page = assertInstanceOf(ConsentStep.ShowForm.class, consent.show(CARRIED, ALICE, ISSUER));
        assertEquals(CARRIED, page.authorize());
        assertTrue(page.allowRemember());
        assertEquals(List.of("openid", "profile", "api1", "offline_access"), page.choices().stream().map(ScopeChoice::name).toList());
        var openid = page.choices().get(0);
        assertTrue(openid.required(), "openid cannot be unchecked");
        assertEquals("API 1", page.choices().get(2).displayName());
        var offline = page.choices().get(3);
        assertEquals("Offline access", offline.displayName());
        assertFalse(offline.required());
    }

    /** OIDC Core §5.5: a claim asked for by name is consented to as its identity resource, and can be declined so. */
    @Test
    void theIdentityResourceOfAClaimAskedForByNameIsAChoiceToo() {
        String carried = CARRIED.replace("scope=openid%20profile%20api1%20offline_access", "scope=openid%20api1")
                + "&claims=%7B%22userinfo%22%3A%7B%22email%22%3Anull%7D%7D";
        var page = assertInstanceOf(ConsentStep.ShowForm.class, consent.show(carried, ALICE, ISSUER));
        assertEquals(List.of("openid", "api1", "email"), page.choices().stream().map(ScopeChoice::name).toList());
        assertEquals("openid api1 email", responded(posted(carried, "decision", "allow", "scope", "api1", "scope", "email"))
                .get("granted"), "the responder keeps the claim and leaves email out of the tokens' scope");
        assertEquals("openid api1", responded(posted(carried, "decision", "allow", "scope", "api1")).get("granted"));
    }

    @Test
    void withoutSessionTheUserSignsInFirst() {
        assertInstanceOf(AuthorizeStep.SignIn.class, answer(consent.show(CARRIED, Optional.empty(), ISSUER)));
        assertInstanceOf(AuthorizeStep.SignIn.class, answer(consent.submit(posted(CARRIED, "decision", "allow"),
                Optional.empty(), ISSUER)));
    }

    @Test
    void anInvalidCarriedRequestIsAnErrorPage() {
        assertInstanceOf(AuthorizeStep.ShowError.class, answer(consent.show("client_id=evil", ALICE, ISSUER)));
        assertInstanceOf(AuthorizeStep.ShowError.class, answer(consent.submit(posted("%zz"), ALICE, ISSUER)));
    }

    @Test
    void allowGrantsTheCheckedAndTheRequiredScopes() {
        assertEquals("openid api1", responded(posted(CARRIED, "decision", "allow", "scope", "api1")).get("granted"));
    }

    @Test
    void aScopeTheRequestDidNotAskForCannotBeAdded() {
        assertEquals("openid", responded(posted(CARRIED, "decision", "allow", "scope", "email")).get("granted"));
    }

    @Test
    void denyIsAccessDenied() {
        assertEquals("access_denied", responded(posted(CARRIED, "decision", "deny", "scope", "api1")).get("error"));
        assertEquals("access_denied", responded(posted(CARRIED, "scope", "api1")).get("error"));
    }

    @Test
    void grantingNothingIsAccessDenied() {
        String withoutOpenid = CARRIED.replace("scope=openid%20profile%20api1%20offline_access", "scope=api1");
        var parameters = responded(posted(withoutOpenid, "decision", "allow"));
        assertEquals("access_denied", parameters.get("error"));
        assertEquals("the user granted no scope", parameters.get("error_description"));
    }

    @Test
    void theDecisionIsRememberedWhenAskedAndAllowed() {
        responded(posted(CARRIED, "decision", "allow", "scope", "profile", "remember", "true"));
        assertEquals(List.of("openid", "profile"), remembered.get("web/alice"));
        responded(posted(CARRIED.replace("client_id=web", "client_id=forgetful").replace("%20offline_access", ""),
                "decision", "allow", "remember", "true"));
        assertFalse(remembered.containsKey("forgetful/alice"), "AllowRememberConsent: false");
    }

    @Test
    void notRememberedUnlessAsked() {
        responded(posted(CARRIED, "decision", "allow"));
        assertTrue(remembered.isEmpty());
    }
}
