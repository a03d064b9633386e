package org.gatehouse.authorize.control;

import static org.gatehouse.authorize.control.AuthorizeRequestValidatorTest.CALLBACK;
import static org.gatehouse.authorize.control.AuthorizeRequestValidatorTest.interactive;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gatehouse.authorize.entity.AuthorizeRequest;
import org.gatehouse.authorize.entity.AuthorizeStep;
import org.gatehouse.authorize.entity.Redirection;
import org.gatehouse.authorize.entity.ResponseMode;
import org.gatehouse.claims.entity.ClaimsRequest;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.consent.control.ConsentStore;
import org.gatehouse.protocol.entity.Form;
import org.gatehouse.resources.entity.GrantedResources;
import org.gatehouse.sessions.entity.UserSession;
import org.junit.jupiter.api.Test;

/**
 * {@link AuthorizeInteraction}: sign in, consent, or respond (OIDC Core §3.1.2.3-4), with a fixed clock, remembered
 * consents in memory, and a responder that only records that it was asked.
 */
class AuthorizeInteractionTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final String ISSUER = "https://gatehouse.example";

    private static final Client PLAIN = interactive("plain", "authorization_code");
    private static final Client CONSENTING = interactive("consenting", "authorization_code", "\"RequireConsent\": true");
    private static final Client SSO_60 = interactive("sso", "authorization_code", "\"UserSsoLifetime\": 60");

    /** Remembered consents: client id + "/" + subject to scopes. */
    private final Map<String, Set<String>> remembered = new HashMap<>();

    private final AuthorizeInteraction interaction = new AuthorizeInteraction();
    {
        interaction.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        interaction.consents = new ConsentStore() {
            @Override
            public Optional<Set<String>> find(String clientId, String subjectId) {
                return Optional.ofNullable(remembered.get(clientId + "/" + subjectId));
            }
        };
        interaction.responder = new AuthorizeResponder() {
            @Override
            public AuthorizeStep respond(AuthorizeRequest request, UserSession session, List<String> scopes, String issuer) {
                assertEquals(ISSUER, issuer);
                assertEquals(request.requested().scopes(), scopes);
                return new AuthorizeStep.Respond(request.redirection(), Map.of("code", "for " + session.subjectId()));
            }
        };
    }

    private static AuthorizeRequest request(Client client, Set<String> prompt, Integer maxAge, String... scopes) {
        return new AuthorizeRequest(client, new Redirection(CALLBACK, ResponseMode.QUERY, "xyz", client.clientId()), Set.of("code"),
                new GrantedResources(List.of(scopes), List.of(), Set.of()), null, null, null, prompt, maxAge, null,
                List.of(), ClaimsRequest.NONE, null, new Form(Map.of()), new Form(Map.of()), null);
    }

    private static AuthorizeRequest request(Client client, String... prompt) {
        return request(client, Set.of(prompt), null, "openid", "api1");
    }

    private static Optional<UserSession> signedIn(long secondsAgo) {
        return Optional.of(new UserSession("sid-1", "alice", NOW.minusSeconds(secondsAgo), List.of("pwd"), Set.of(), Instant.MAX));
    }

    private AuthorizeStep next(AuthorizeRequest request, Optional<UserSession> session) {
        return interaction.next(request, session, ISSUER);
    }

    private static void assertResponded(AuthorizeStep step) {
        var respond = assertInstanceOf(AuthorizeStep.Respond.class, step);
        assertEquals(Map.of("code", "for alice"), respond.parameters());
    }

    /** An error to the redirect URI, with state (OIDC Core §3.1.2.6). */
    private static void assertError(String error, AuthorizeStep step) {
        var respond = assertInstanceOf(AuthorizeStep.Respond.class, step);
        assertEquals(error, respond.parameters().get("error"));
        assertEquals(CALLBACK, respond.redirection().redirectUri());
        assertEquals("xyz", respond.redirection().state());
    }

    // --- authentication ---

    @Test
    void withoutSessionTheUserSignsIn() {
        var request = request(PLAIN);
        var step = assertInstanceOf(AuthorizeStep.SignIn.class, next(request, Optional.empty()));
        assertSame(request, step.request());
    }

    @Test
    void withSessionTheResponseIsIssued() {
        assertResponded(next(request(PLAIN), signedIn(3600)));
    }

    @Test
    void promptNoneWithoutSessionIsLoginRequired() { // OIDC Core §3.1.2.6
        assertError("login_required", next(request(PLAIN, "none"), Optional.empty()));
    }

    @Test
    void promptNoneWithSessionResponds() {
        assertResponded(next(request(PLAIN, "none"), signedIn(10)));
    }

    @Test
    void promptLoginAsksToSignInAgain() { // OIDC Core §3.1.2.1: SHOULD prompt for reauthentication
        assertInstanceOf(AuthorizeStep.SignIn.class, next(request(PLAIN, "login"), signedIn(0)));
    }

    @Test
    void promptSelectAccountAsksToSignInAgain() { // one account per browser: selecting one is signing in
        assertInstanceOf(AuthorizeStep.SignIn.class, next(request(PLAIN, "select_account"), signedIn(0)));
    }

    /** OIDC Core §3.1.2.1: "If the elapsed time is greater than this value, the OP MUST attempt to actively re-authenticate". */
    @Test
    void maxAgeExceededAsksToSignIn() {
        assertInstanceOf(AuthorizeStep.SignIn.class, next(request(PLAIN, Set.of(), 300, "openid"), signedIn(301)));
        assertInstanceOf(AuthorizeStep.SignIn.class, next(request(PLAIN, Set.of(), 300, "openid"), signedIn(86_400)));
    }

    @Test
    void maxAgeNotExceededResponds() {
        assertResponded(next(request(PLAIN, Set.of(), 300, "openid"), signedIn(300)));
        assertResponded(next(request(PLAIN, Set.of(), 300, "openid"), signedIn(0)));
    }

    @Test
    void maxAgeExceededWithPromptNoneIsLoginRequired() {
        assertError("login_required", next(request(PLAIN, Set.of("none"), 300, "openid"), signedIn(301)));
    }

    /** Duende's UserSsoLifetime: the longest time since the last sign-in the client accepts. */
    @Test
    void userSsoLifetimeExceededAsksToSignIn() {
        assertInstanceOf(AuthorizeStep.SignIn.class, next(request(SSO_60), signedIn(61)));
        assertResponded(next(request(SSO_60), signedIn(60)));
        assertError("login_required", next(request(SSO_60, "none"), signedIn(61)));
    }

    @Test
    void theStricterOfMaxAgeAndUserSsoLifetimeApplies() {
        assertInstanceOf(AuthorizeStep.SignIn.class, next(request(SSO_60, Set.of(), 3600, "openid"), signedIn(61)));
        assertInstanceOf(AuthorizeStep.SignIn.class, next(request(SSO_60, Set.of(), 10, "openid"), signedIn(11)));
        assertResponded(next(request(SSO_60, Set.of(), 10, "openid"), signedIn(10)));
    }

    // --- consent ---

    @Test
    void withoutRequireConsentNoConsentIsAsked() {
        assertResponded(next(request(PLAIN), signedIn(10)));
    }

    @Test
    void requireConsentWithoutRememberedConsentAsksForIt() {
        var step = assertInstanceOf(AuthorizeStep.Consent.class, next(request(CONSENTING), signedIn(10)));
        assertEquals("alice", step.subjectId());
        assertEquals(List.of("openid", "api1"), step.request().requested().scopes());
    }

    @Test
    void rememberedConsentCoveringTheScopesResponds() {
        remembered.put("consenting/alice", Set.of("openid", "api1", "profile"));
        assertResponded(next(request(CONSENTING), signedIn(10)));
    }

    @Test
    void rememberedConsentNotCoveringTheScopesAsksAgain() {
        remembered.put("consenting/alice", Set.of("openid"));
        assertInstanceOf(AuthorizeStep.Consent.class, next(request(CONSENTING), signedIn(10)));
    }

    @Test
    void anotherUsersOrClientsConsentDoesNotCount() {
        remembered.put("consenting/bob", Set.of("openid", "api1"));
        remembered.put("plain/alice", Set.of("openid", "api1"));
        assertInstanceOf(AuthorizeStep.Consent.class, next(request(CONSENTING), signedIn(10)));
    }

    @Test
    void promptConsentAsksEvenWhenRemembered() { // OIDC Core §3.1.2.1: SHOULD prompt for consent
        remembered.put("consenting/alice", Set.of("openid", "api1"));
        assertInstanceOf(AuthorizeStep.Consent.class, next(request(CONSENTING, "consent"), signedIn(10)));
    }

    @Test
    void promptNoneWithoutConsentIsConsentRequired() { // OIDC Core §3.1.2.6
        assertError("consent_required", next(request(CONSENTING, "none"), signedIn(10)));
        remembered.put("consenting/alice", Set.of("openid"));
        assertError("consent_required", next(request(CONSENTING, "none"), signedIn(10)));
    }

    @Test
    void promptNoneWithRememberedConsentResponds() {
        remembered.put("consenting/alice", Set.of("openid", "api1"));
        assertResponded(next(request(CONSENTING, "none"), signedIn(10)));
    }

    @Test
    void signInComesBeforeConsent() {
        assertInstanceOf(AuthorizeStep.SignIn.class, next(request(CONSENTING, "login", "consent"), signedIn(10)));
        assertError("login_required", next(request(CONSENTING, "none"), Optional.empty()));
    }

    // --- failing: bugs found ---

    /**
     * OIDC Core §3.1.2.1: prompt=consent — "The Authorization Server SHOULD prompt the End-User for consent before
     * returning information to the Client." Duende shows consent for prompt=consent whatever RequireConsent says
     * (AuthorizeInteractionResponseGenerator.ProcessConsentAsync: {@code PromptModes.Contains(Consent) || consentRequired}).
     */
    @Test
    void promptConsentAsksEvenWithoutRequireConsent() {
        assertInstanceOf(AuthorizeStep.Consent.class, next(request(PLAIN, "consent"), signedIn(10)));
    }

    /**
     * OIDC Core §3.1.2.1 (errata set 2): "Note that max_age=0 is equivalent to prompt=login", and "If the elapsed time
     * is greater than this value, the OP MUST attempt to actively re-authenticate". Half a second is greater than 0;
     * the elapsed time is truncated to whole seconds, so a session up to a second old passes max_age=0.
     */
    @Test
    void maxAgeZeroIsPromptLogin() {
        var session = Optional.of(new UserSession("sid-1", "alice", NOW.minusMillis(500), List.of("pwd"), Set.of(), Instant.MAX));
        assertInstanceOf(AuthorizeStep.SignIn.class, next(request(PLAIN, Set.of(), 0, "openid"), session));
    }
}
