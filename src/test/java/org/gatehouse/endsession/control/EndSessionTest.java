package org.gatehouse.endsession.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gatehouse.Fixtures;
import org.gatehouse.claims.control.SubjectIdentifiers;
import org.gatehouse.clients.control.TestClientStores;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.endsession.entity.EndSessionRequest;
import org.gatehouse.endsession.entity.EndSessionStep;
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
import org.gatehouse.users.control.TestUserAccounts;
import org.junit.jupiter.api.Test;

/**
 * {@link EndSession} (RP-Initiated Logout 1.0 §2-3) with real sessions, clients and ID tokens of this issuer:
 * when it signs out at once, when it asks first, and what it refuses.
 */
class EndSessionTest {

    private static final String ISSUER = "https://gatehouse.example";
    private static final String SIGNED_OUT = "https://app.example/signed-out";

    private static final Client WEB = client("web", "\"PostLogoutRedirectUris\": [ \"" + SIGNED_OUT + "\", \"" + SIGNED_OUT + "?a=1\" ]");
    private static final Client PAIRWISE = client("pairwise", "\"PairWiseSubjectSalt\": \"salt\"");
    private static final Client DISABLED = client("disabled", "\"Enabled\": false",
            "\"PostLogoutRedirectUris\": [ \"" + SIGNED_OUT + "\" ]");
    private static final Client FRONT = client("front", "\"FrontChannelLogoutUri\": \"https://front.example/logout?app=1\"");
    private static final Client FRONT_WITHOUT_SID = client("front.nosid",
            "\"FrontChannelLogoutUri\": \"https://nosid.example/logout\"", "\"FrontChannelLogoutSessionRequired\": false");

    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T12:00:00Z"));
    private final SigningKeys keys = TestSigningKeys.started(clock);
    private final SessionStore sessions;
    private final EndSession endSession = new EndSession();
    {
        var grants = TestGrantStores.inMemory(clock);
        sessions = TestSessionStores.of(grants, clock);
        endSession.sessions = sessions;
        endSession.clients = TestClientStores.of(List.of(WEB, PAIRWISE, DISABLED, FRONT, FRONT_WITHOUT_SID));
        endSession.inspector = TestTokenInspectors.of(keys, grants, clock);
        endSession.accounts = TestUserAccounts.of(Map.of("alice", "Alice", "bob", "Bob"));
        endSession.sessionEnd = TestSessionEnds.of(sessions, endSession.clients, grants,
                TestTokenInspectors.families(endSession.inspector, grants));
    }

    private static Client client(String clientId, String... fields) {
        var all = new ArrayList<>(List.of("\"RedirectUris\": [ \"https://app.example/callback\" ]"));
        all.addAll(List.of(fields));
        return Fixtures.validClient(Fixtures.client(clientId, "[ \"authorization_code\" ]", all.toArray(String[]::new)));
    }

    private static EndSessionRequest request(String... nameValues) {
        var parameters = new LinkedHashMap<String, List<String>>();
        for (int i = 0; i < nameValues.length; i += 2) {
            parameters.put(nameValues[i], List.of(nameValues[i + 1]));
        }
        return EndSessionRequest.read(new Form(parameters)).fold(r -> r, e -> {
            throw new AssertionError(e.toString());
        });
    }

    private EndSessionStep end(EndSessionRequest request, String handle, boolean confirmed) {
        return endSession.end(request, handle, confirmed, ISSUER);
    }

    private String idToken(String audience, String subject, String sid) throws JOSEException {
        var claims = new JWTClaimsSet.Builder().issuer(ISSUER).audience(audience).subject(subject)
                .issueTime(Date.from(clock.instant())).expirationTime(Date.from(clock.instant().plusSeconds(300)));
        if (sid != null) {
            claims.claim("sid", sid);
        }
        return keys.signingKey(Set.of()).orElseThrow().sign(JOSEObjectType.JWT, claims.build());
    }

    private static void assertError(String description, EndSessionStep step) {
        var error = assertInstanceOf(EndSessionStep.ShowError.class, step).error();
        assertEquals("invalid_request", error.code());
        assertEquals(description, error.description());
    }

    private static List<String> frontChannel(EndSessionStep step) {
        return assertInstanceOf(EndSessionStep.SignedOut.class, step).frontChannelLogoutUris();
    }

    private static Optional<String> signedOut(EndSessionStep step) {
        return assertInstanceOf(EndSessionStep.SignedOut.class, step).returnTo();
    }

    private boolean alive(String handle) {
        return sessions.find(handle).isPresent();
    }

    // --- reading ---

    @Test
    void aRepeatedParameterIsInvalidRequest() {
        var form = FormParser.parseEncoded("state=a&state=b").fold(f -> f, e -> null);
        assertEquals("invalid_request", EndSessionRequest.read(form).fold(r -> null, e -> e.code()));
    }

    @Test
    void anOverlongParameterIsInvalidRequest() {
        var form = new Form(Map.of("state", List.of("s".repeat(2001))));
        assertEquals("invalid_request", EndSessionRequest.read(form).fold(r -> null, e -> e.code()));
    }

    // --- without a hint ---

    @Test
    void withoutSessionTheUserIsSignedOutAtOnce() {
        assertEquals(Optional.empty(), signedOut(end(request(), null, false)));
    }

    @Test
    void aSignedInUserIsAskedFirstWithTheKnownParametersCarried() {
        String handle = sessions.start("alice", List.of("pwd"), Optional.empty()).handle();
        var confirm = assertInstanceOf(EndSessionStep.Confirm.class, end(request("state", "s1", "unknown", "x",
                "client_id", "web", "post_logout_redirect_uri", SIGNED_OUT), handle, false));
        assertEquals(List.of("post_logout_redirect_uri", "state", "client_id"), List.copyOf(confirm.carried().keySet()));
        assertEquals("s1", confirm.carried().get("state"));
        assertTrue(alive(handle), "asking signs nobody out");
    }

    @Test
    void aConfirmedRequestEndsTheSession() {
        String handle = sessions.start("alice", List.of("pwd"), Optional.empty()).handle();
        assertEquals(Optional.empty(), signedOut(end(request(), handle, true)));
        assertFalse(alive(handle));
    }

    // --- id_token_hint ---

    @Test
    void aHintForTheSignedInUserSignsOutWithoutAsking() throws JOSEException {
        var started = sessions.start("alice", List.of("pwd"), Optional.empty());
        var step = end(request("id_token_hint", idToken("web", "alice", started.session().sessionId())), started.handle(), false);
        assertEquals(Optional.empty(), signedOut(step));
        assertFalse(alive(started.handle()));
    }

    @Test
    void aHintForAnotherUserAsksFirst() throws JOSEException {
        String handle = sessions.start("alice", List.of("pwd"), Optional.empty()).handle();
        assertInstanceOf(EndSessionStep.Confirm.class, end(request("id_token_hint", idToken("web", "bob", null)), handle, false));
        assertTrue(alive(handle));
    }

    @Test
    void aHintForAnotherSessionOfTheUserAsksFirst() throws JOSEException {
        String handle = sessions.start("alice", List.of("pwd"), Optional.empty()).handle();
        assertInstanceOf(EndSessionStep.Confirm.class,
                end(request("id_token_hint", idToken("web", "alice", "another-sid")), handle, false));
    }

    @Test
    void aHintWithoutTheCookieEndsTheSessionItWasIssuedIn() throws JOSEException {
        var started = sessions.start("alice", List.of("pwd"), Optional.empty());
        signedOut(end(request("id_token_hint", idToken("web", "alice", started.session().sessionId())), null, false));
        assertFalse(alive(started.handle()), "the session named by sid is ended");
    }

    @Test
    void aPairwiseHintNamesTheUserAsItsClientSeesThem() throws JOSEException {
        var started = sessions.start("alice", List.of("pwd"), Optional.empty());
        String pairwise = SubjectIdentifiers.forClient(PAIRWISE, "alice");
        signedOut(end(request("id_token_hint", idToken("pairwise", pairwise, null)), started.handle(), false));
        assertInstanceOf(EndSessionStep.Confirm.class, end(request("id_token_hint", idToken("pairwise", "alice", null)),
                sessions.start("alice", List.of("pwd"), Optional.empty()).handle(), false));
    }

    @Test
    void anExpiredHintStillSaysWhoItWasFor() throws JOSEException {
        var started = sessions.start("alice", List.of("pwd"), Optional.empty());
        String hint = idToken("web", "alice", null);
        clock.advance(Duration.ofDays(1));
        signedOut(end(request("id_token_hint", hint), started.handle(), false));
    }

    @Test
    void aHintNotOfThisServerIsRefused() throws JOSEException {
        String hint = idToken("web", "alice", null);
        assertError("id_token_hint is not an ID token of this server", end(request("id_token_hint", "not.a.jwt"), null, false));
        assertError("id_token_hint is not an ID token of this server",
                endSession.end(request("id_token_hint", hint), null, false, "https://elsewhere.example"));
    }

    @Test
    void aClientIdOtherThanTheHintsAudienceIsRefused() throws JOSEException {
        assertError("client_id does not match the id_token_hint",
                end(request("id_token_hint", idToken("web", "alice", null), "client_id", "pairwise"), null, false));
    }

    // --- post_logout_redirect_uri ---

    @Test
    void aRegisteredRedirectIsLinkedWithState() throws JOSEException {
        assertEquals(Optional.of(SIGNED_OUT + "?state=a%20b"),
                signedOut(end(request("client_id", "web", "post_logout_redirect_uri", SIGNED_OUT, "state", "a b"), null, false)));
        assertEquals(Optional.of(SIGNED_OUT + "?a=1&state=s"), signedOut(end(request("id_token_hint",
                idToken("web", "alice", null), "post_logout_redirect_uri", SIGNED_OUT + "?a=1", "state", "s"), null, false)));
        assertEquals(Optional.of(SIGNED_OUT),
                signedOut(end(request("client_id", "web", "post_logout_redirect_uri", SIGNED_OUT), null, false)));
    }

    @Test
    void aRedirectNotRegisteredExactlyIsRefused() {
        String refused = "post_logout_redirect_uri is not registered for the client";
        assertError(refused, end(request("client_id", "web", "post_logout_redirect_uri", SIGNED_OUT + "/"), null, false));
        assertError("post_logout_redirect_uri is not registered for a client this request names: send an id_token_hint"
                + " or a client_id",
                end(request("post_logout_redirect_uri", SIGNED_OUT), null, false)); // whose?
        assertError(refused, end(request("client_id", "nobody", "post_logout_redirect_uri", SIGNED_OUT), null, false));
        assertError(refused, end(request("client_id", "disabled", "post_logout_redirect_uri", SIGNED_OUT), null, false));
    }

    @Test
    void aRefusedRequestSignsNobodyOut() {
        String handle = sessions.start("alice", List.of("pwd"), Optional.empty()).handle();
        assertInstanceOf(EndSessionStep.ShowError.class,
                end(request("client_id", "web", "post_logout_redirect_uri", "https://evil.example"), handle, true));
        assertTrue(alive(handle));
    }

    // --- the clients of the session ---

    @Test
    void theSignedOutPageLoadsTheFrontChannelUrisOfTheClientsTheSessionSignedInto() throws JOSEException {
        var started = sessions.start("alice", List.of("pwd"), Optional.empty());
        sessions.signedInto(started.session(), "front");
        sessions.signedInto(started.session(), "front.nosid");
        sessions.signedInto(started.session(), "web"); // no front-channel URI
        String sid = started.session().sessionId();
        var uris = frontChannel(end(request("id_token_hint", idToken("web", "alice", sid)), started.handle(), false));
        assertEquals(Set.of("https://front.example/logout?app=1&iss=https%3A%2F%2Fgatehouse.example&sid=" + sid,
                "https://nosid.example/logout"), Set.copyOf(uris));
    }

    @Test
    void aSessionThatSignedIntoNoClientLoadsNoFrontChannelUri() {
        String handle = sessions.start("alice", List.of("pwd"), Optional.empty()).handle();
        assertEquals(List.of(), frontChannel(end(request(), handle, true)));
    }

    @Test
    void aLogoutHintForAnotherUserAsksFirstEvenWithAMatchingIdTokenHint() throws JOSEException {
        var started = sessions.start("alice", List.of("pwd"), Optional.empty());
        String hint = idToken("web", "alice", started.session().sessionId());
        assertInstanceOf(EndSessionStep.Confirm.class, end(request("id_token_hint", hint, "logout_hint", "bob"),
                started.handle(), false));
        assertTrue(alive(started.handle()));
        signedOut(end(request("id_token_hint", hint, "logout_hint", "ALICE"), started.handle(), false));
        assertFalse(alive(started.handle()), "alice's username, in any case, as logout_hint");
    }

    @Test
    void theConfirmationMayLeadToTheValidatedRedirectOnly() {
        String handle = sessions.start("alice", List.of("pwd"), Optional.empty()).handle();
        var confirm = assertInstanceOf(EndSessionStep.Confirm.class,
                end(request("client_id", "web", "post_logout_redirect_uri", SIGNED_OUT), handle, false));
        assertEquals(Optional.of(SIGNED_OUT), confirm.returnsTo());
    }
}
