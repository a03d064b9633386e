package org.gatehouse.authorize.control;

import static org.gatehouse.authorize.control.AuthorizeRequestValidatorTest.interactive;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gatehouse.authorize.entity.AuthorizeStep;
import org.gatehouse.authorize.entity.LoginAttempt;
import org.gatehouse.authorize.entity.LoginStep;
import org.gatehouse.clients.control.TestClientStores;
import org.gatehouse.grants.control.GrantStore;
import org.gatehouse.grants.control.TestGrantStores;
import org.gatehouse.issuance.control.TestTokenInspectors;
import org.gatehouse.keys.control.SigningKeys;
import org.gatehouse.keys.control.TestSigningKeys;
import org.gatehouse.logout.control.TestSessionEnds;
import org.gatehouse.protocol.control.FormParser;
import org.gatehouse.protocol.entity.Form;
import org.gatehouse.sessions.control.SessionStore;
import org.gatehouse.sessions.control.TestSessionStores;
import org.gatehouse.testing.MutableClock;
import org.gatehouse.users.control.TestSignIns;
import org.junit.jupiter.api.Test;

/**
 * {@link LoginInteraction}: the login page's decisions over real sessions, a real sign-in and throttle, and
 * the carried request validated by the real validator; and the request the browser is sent back with (OIDC
 * Core §3.1.2.1 prompt).
 */
class LoginInteractionTest {

    private static final String ISSUER = "https://gatehouse.example";

    private static final String CARRIED = "client_id=web&redirect_uri=https%3A%2F%2Fapp.example%2Fcallback"
            + "&response_type=code&scope=openid%20api1&state=xyz&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
            + "&code_challenge_method=S256&prompt=login&login_hint=ally";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final GrantStore grants = TestGrantStores.inMemory(clock);
    private final SessionStore sessions = TestSessionStores.of(grants, clock);
    private final SigningKeys keys = TestSigningKeys.started(clock);
    private final LoginInteraction login = new LoginInteraction();
    {
        var validator = AuthorizeRequestValidatorTest.validator(List.of(interactive("web", "authorization_code")));
        login.requests = new CarriedRequests();
        login.requests.validator = validator;
        login.sessions = sessions;
        login.sessionEnd = TestSessionEnds.of(sessions, TestClientStores.of(List.of()), grants,
                TestTokenInspectors.families(TestTokenInspectors.of(keys, grants, clock), grants));
        // As the platform's IdentityStoreHandler would answer for a store that knows alice/wonderland.
        login.signIn = TestSignIns.of(credential -> {
            var typed = (UsernamePasswordCredential) credential;
            return typed.getCaller().equals("alice") && typed.getPasswordAsString().equals("wonderland")
                    ? new CredentialValidationResult(null, new CallerPrincipal("alice"), null, "alice-1", Set.of())
                    : CredentialValidationResult.INVALID_RESULT;
        }, clock);
        login.deviceCookies = TestSignIns.deviceCookies(login.signIn);
        login.authorizations = new AuthorizeInteraction();
        login.authorizations.inspector = TestTokenInspectors.of(keys, grants, clock);
    }

    private static Form posted(String... nameValues) {
        var parameters = new LinkedHashMap<String, List<String>>();
        parameters.put("authorize", List.of(CARRIED));
        for (int i = 0; i < nameValues.length; i += 2) {
            parameters.put(nameValues[i], List.of(nameValues[i + 1]));
        }
        return new Form(parameters);
    }

    private LoginStep submit(Form form) {
        return login.submit(form, new LoginAttempt(null, "10.0.0.1", null, ISSUER, false));
    }

    private static LoginStep.ShowForm shown(LoginStep step, int status) {
        var page = assertInstanceOf(LoginStep.ShowForm.class, step);
        assertEquals(status, page.status());
        assertEquals(CARRIED, page.authorize(), "the request is carried on exactly as it came");
        return page;
    }

    @Test
    void theFormIsShownWithTheLoginHint() {
        var page = shown(login.show(CARRIED), 200);
        assertEquals("ally", page.username());
        assertEquals(Optional.empty(), page.error());
        assertEquals("web", page.request().client().clientId());
    }

    @Test
    void anInvalidCarriedRequestIsAnsweredAsTheAuthorizationEndpointWould() {
        assertInstanceOf(AuthorizeStep.ShowError.class,
                assertInstanceOf(LoginStep.Answer.class, login.show(CARRIED.replace("client_id=web", "client_id=evil"))).step());
        var tampered = posted("username", "alice", "password", "wonderland").with("authorize", "client_id=evil");
        assertInstanceOf(LoginStep.Answer.class, submit(tampered));
    }

    @Test
    void theRightPasswordStartsANewSessionAndReturnsWithoutThePromptThatAskedForIt() {
        String old = sessions.start("mallory", List.of("pwd"), Optional.empty()).handle();
        var signedIn = assertInstanceOf(LoginStep.SignedIn.class,
                login.submit(posted("username", "alice", "password", "wonderland"), new LoginAttempt(old, "10.0.0.1", null, ISSUER, false)));
        assertEquals("alice-1", sessions.find(signedIn.handle()).orElseThrow().subjectId());
        assertEquals(List.of("pwd"), sessions.find(signedIn.handle()).orElseThrow().amr());
        assertFalse(sessions.find(old).isPresent(), "the session the browser had is ended (fixation)");
        assertEquals(sessions.options().cookieLifetime(), signedIn.lifetime());
        assertEquals(Optional.empty(), parse(signedIn.authorize()).value("prompt"));
        assertEquals(Optional.of("xyz"), parse(signedIn.authorize()).value("state"));
    }

    @Test
    void theSameUserSigningInAgainKeepsTheSessionIdAndItsClientsUnderANewHandle() {
        var old = sessions.start("alice-1", List.of("pwd"), Optional.empty());
        sessions.signedInto(old.session(), "web");
        var signedIn = assertInstanceOf(LoginStep.SignedIn.class, login.submit(posted("username", "alice",
                "password", "wonderland"), new LoginAttempt(old.handle(), "10.0.0.1", null, ISSUER, false)));
        var renewed = sessions.find(signedIn.handle()).orElseThrow();
        assertEquals(old.session().sessionId(), renewed.sessionId(), "the sid the clients know stays");
        assertEquals(Set.of("web"), renewed.clientIds());
        assertFalse(sessions.find(old.handle()).isPresent(), "the old handle is worth nothing (fixation)");
    }

    @Test
    void aWrongPasswordShowsTheFormAgainRevealingNoAccount() {
        var wrong = shown(submit(posted("username", "alice", "password", "guess")), 400);
        var unknown = shown(submit(posted("username", "nobody", "password", "guess")), 400);
        assertEquals(Optional.of(LoginInteraction.REJECTED), wrong.error());
        assertEquals(wrong.error(), unknown.error());
        assertEquals("alice", wrong.username(), "the name typed is kept");
    }

    @Test
    void missingOrOverlongInputIsRejectedUnread() {
        assertEquals(Optional.of(LoginInteraction.REJECTED), shown(submit(posted("username", "alice")), 400).error());
        shown(submit(posted("username", "a".repeat(LoginInteraction.MAX_USERNAME + 1), "password", "wonderland")), 400);
        shown(submit(posted("username", "alice", "password", "w".repeat(LoginInteraction.MAX_PASSWORD + 1))), 400);
    }

    @Test
    void repeatedFailuresAreThrottledWithTheWaitInSeconds() {
        for (int i = 0; i < 5; i++) {
            shown(submit(posted("username", "alice", "password", "guess" + i)), 400);
        }
        var throttled = shown(submit(posted("username", "alice", "password", "wonderland")), 429);
        assertTrue(throttled.error().orElseThrow().matches("Too many failed attempts\\. Try again in \\d+ seconds\\."),
                throttled.error().orElseThrow());
        assertEquals(Optional.of(Duration.ofSeconds(1)), throttled.retryAfter(), "said as Retry-After too");
    }

    @Test
    void theBrowserThatSignedInIsNotLockedOutByOthersFailingForTheSameAccount() {
        var signedIn = assertInstanceOf(LoginStep.SignedIn.class,
                login.submit(posted("username", "alice", "password", "wonderland"), new LoginAttempt(null, "10.0.0.1", null, ISSUER, false)));
        for (int i = 0; i < 5; i++) {
            login.submit(posted("username", "alice", "password", "guess" + i), new LoginAttempt(null, "203.0.113." + i, null, ISSUER, false));
        }
        shown(submit(posted("username", "alice", "password", "wonderland")), 429);
        assertInstanceOf(LoginStep.SignedIn.class, login.submit(posted("username", "alice", "password", "wonderland"),
                new LoginAttempt(null, "10.0.0.1", signedIn.deviceCookie(), ISSUER, false)));
    }

    @Test
    void anotherUserThanTheIdTokenHintNamesIsNotAnsweredForButLoginRequired() throws JOSEException { // OIDC Core §3.1.2.1
        String bobs = keys.signingKey(Set.of()).orElseThrow().sign(JOSEObjectType.JWT, new JWTClaimsSet.Builder()
                .issuer(ISSUER).audience("web").subject("bob-2").issueTime(Date.from(clock.instant()))
                .expirationTime(Date.from(clock.instant().plusSeconds(300))).build());
        String old = sessions.start("carol", List.of("pwd"), Optional.empty()).handle();
        var form = posted("username", "alice", "password", "wonderland");
        var hinted = form.with("authorize", CARRIED + "&id_token_hint=" + bobs);
        var answer = assertInstanceOf(LoginStep.Answer.class, login.submit(hinted, new LoginAttempt(old, "10.0.0.1", null, ISSUER, false)));
        var respond = assertInstanceOf(AuthorizeStep.Respond.class, answer.step());
        assertEquals("login_required", respond.parameters().get("error"));
        assertTrue(sessions.find(old).isPresent(), "the browser's session is left as it was");
        assertInstanceOf(LoginStep.SignedIn.class, login.submit(form.with("authorize", CARRIED + "&id_token_hint="
                + keys.signingKey(Set.of()).orElseThrow().sign(JOSEObjectType.JWT, new JWTClaimsSet.Builder().issuer(ISSUER)
                        .audience("web").subject("alice-1").issueTime(Date.from(clock.instant()))
                        .expirationTime(Date.from(clock.instant().plusSeconds(300))).build())),
                new LoginAttempt(old, "10.0.0.1", null, ISSUER, false)),
                "the hinted user signs in");
    }

    @Test
    void cancelIsAccessDeniedToTheClient() {
        var answer = assertInstanceOf(LoginStep.Answer.class, submit(posted("button", "cancel", "username", "alice")));
        var respond = assertInstanceOf(AuthorizeStep.Respond.class, answer.step());
        assertEquals("access_denied", respond.parameters().get("error"));
        assertEquals("xyz", respond.redirection().state());
    }

    // --- the request after sign-in ---

    private static final String REQUEST = "client_id=web&redirect_uri=https%3A%2F%2Fapp.example%2Fcb&response_type=code"
            + "&scope=openid%20api1&state=a%20b%26c&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
            + "&code_challenge_method=S256";

    private static Form parse(String encoded) {
        return FormParser.parseEncoded(encoded).fold(f -> f, e -> {
            throw new AssertionError(e.toString());
        });
    }

    private static Form afterSignIn(String query) {
        return LoginInteraction.afterSignIn(parse(query));
    }

    private static Optional<String> promptAfterSignIn(String prompt) {
        return afterSignIn(REQUEST + "&prompt=" + prompt).value("prompt");
    }

    @Test
    void withoutPromptTheRequestIsUnchanged() {
        assertEquals(REQUEST, LoginInteraction.afterSignIn(parse(REQUEST)).encoded());
    }

    @Test
    void promptLoginIsRemovedElseTheUserWouldSignInForever() {
        var form = afterSignIn(REQUEST + "&prompt=login");
        assertEquals(Optional.empty(), form.value("prompt"));
        assertEquals(parse(REQUEST), form);
    }

    @Test
    void promptSelectAccountIsRemoved() {
        assertEquals(Optional.empty(), promptAfterSignIn("select_account"));
        assertEquals(Optional.empty(), promptAfterSignIn("login%20select_account"));
    }

    @Test
    void consentIsKept() {
        assertEquals(Optional.of("consent"), promptAfterSignIn("login%20consent"));
        assertEquals(Optional.of("consent"), promptAfterSignIn("consent+login"));
        assertEquals(Optional.of("consent"), promptAfterSignIn("consent"));
    }

    @Test
    void otherPromptsAreUntouched() {
        assertEquals(Optional.of("none"), promptAfterSignIn("none"));
        assertEquals(List.of("consent"), afterSignIn(REQUEST + "&prompt=consent").parameters().get("prompt"));
    }

    @Test
    void everyOtherParameterIsKeptExactly() {
        var form = afterSignIn("max_age=0&" + REQUEST + "&prompt=login&nonce=n%2B1&resource=https%3A%2F%2Fa.example"
                + "&resource=https%3A%2F%2Fb.example");
        assertEquals(Optional.empty(), form.value("max_age"), "satisfied by the sign-in just made; kept, max_age=0 would loop");
        assertEquals(Optional.of("a b&c"), form.value("state"));
        assertEquals(Optional.of("n+1"), form.value("nonce"));
        assertEquals(List.of("https://a.example", "https://b.example"), form.values("resource"));
        assertEquals(Optional.of("openid api1"), form.value("scope"));
    }
}
