package org.gatehouse.authorize.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gatehouse.Fixtures;
import org.gatehouse.authorize.control.AuthorizeRequestValidator.Validated;
import org.gatehouse.authorize.entity.AuthorizeRequest;
import org.gatehouse.authorize.entity.AuthorizeStep;
import org.gatehouse.authorize.entity.ResponseMode;
import org.gatehouse.claims.control.TestClaimsRequests;
import org.gatehouse.claims.entity.ClaimsRequest;
import org.gatehouse.clients.control.ClientStore;
import org.gatehouse.clients.control.TestClientStores;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.configuration.entity.Features;
import org.gatehouse.protocol.control.FormParser;
import org.gatehouse.par.entity.StoredRequest;
import org.gatehouse.protocol.entity.Form;
import org.gatehouse.resources.control.ScopeValidator;
import org.gatehouse.resources.control.TestResourceStores;
import org.gatehouse.resources.entity.ApiResource;
import org.gatehouse.resources.entity.ApiScope;
import org.gatehouse.resources.entity.Resources;
import org.gatehouse.resources.entity.StandardIdentityResources;
import org.gatehouse.testing.TestSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link AuthorizeRequestValidator} over a store of interactive clients and the standard identity
 * resources plus the API scope {@code api1}.
 */
class AuthorizeRequestValidatorTest {

    static final String CALLBACK = "https://app.example/callback";
    /** RFC 7636 Appendix B: the S256 challenge of the verifier dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk. */
    static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    static Client interactive(String clientId, String grantType, String... fields) {
        var json = new StringBuilder("{ \"ClientId\": \"" + clientId + "\", \"RequireClientSecret\": false,"
                + " \"AllowedGrantTypes\": [ \"" + grantType + "\" ], \"RedirectUris\": [ \"" + CALLBACK + "\" ],"
                + " \"AllowedScopes\": [ \"openid\", \"profile\", \"email\", \"api1\" ]");
        for (String field : fields) {
            json.append(", ").append(field);
        }
        return Fixtures.validClient(json.append(" }").toString());
    }

    static final Resources CATALOG = new Resources(StandardIdentityResources.ALL,
            List.of(new ApiScope("api1", "API 1", null, false, false, true, true, Set.of(), Map.of()),
                    new ApiScope("disabled", null, null, false, false, false, true, Set.of(), Map.of())),
            List.of(api("https://a.example"), api("https://b.example")));

    private static ApiResource api(String name) {
        return new ApiResource(name, null, null, true, true, Set.of("api1"), List.of(), Set.of(), Set.of(), false, Map.of());
    }

    static ScopeValidator scopeValidator() {
        return TestResourceStores.scopeValidator(CATALOG);
    }

    /** A validator for {@code clients} over {@link #CATALOG}. */
    static AuthorizeRequestValidator validator(List<Client> clients) {
        var validator = new AuthorizeRequestValidator();
        validator.clients = TestClientStores.of(clients);
        validator.scopes = scopeValidator();
        validator.claimsRequests = TestClaimsRequests.of(CATALOG);
        validator.features = Features.ALL;
        validator.pushed = org.gatehouse.par.control.TestPushedRequests.inMemory(java.time.Clock.systemUTC());
        validator.pushedOptions = org.gatehouse.par.entity.PushedAuthorizationOptions.DEFAULTS;
        validator.requestObjects = org.gatehouse.jar.control.TestRequestObjects.on(java.time.Clock.systemUTC());
        return validator;
    }

    /** The key clients "jar" and "request-object" sign their request objects with. */
    private static final RSAKey JAR_KEY = rsaKey();

    private static RSAKey rsaKey() {
        try {
            return new RSAKeyGenerator(2048).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final List<Client> CLIENTS = List.of(
            interactive("code", "authorization_code", "\"AllowOfflineAccess\": true"),
            interactive("no-offline", "authorization_code", "\"AllowOfflineAccess\": false"),
            interactive("plain", "authorization_code", "\"AllowPlainTextPkce\": true"),
            interactive("optional-pkce", "authorization_code", "\"RequirePkce\": false"),
            interactive("implicit", "implicit", "\"AllowAccessTokensViaBrowser\": true"),
            interactive("implicit-no-browser", "implicit"),
            interactive("hybrid", "hybrid", "\"AllowAccessTokensViaBrowser\": true"),
            interactive("hybrid-no-browser", "hybrid"),
            interactive("disabled", "authorization_code", "\"Enabled\": false"),
            interactive("request-object", "authorization_code", "\"RequireRequestObject\": true",
                    "\"ClientSecrets\": [ " + TestSecrets.jwk(JAR_KEY) + " ]"),
            interactive("jar", "authorization_code", "\"ClientSecrets\": [ " + TestSecrets.jwk(JAR_KEY) + " ]"),
            interactive("par", "authorization_code", "\"RequirePushedAuthorization\": true"),
            interactive("dpop", "authorization_code", "\"RequireDPoP\": true"),
            interactive("dpop-hybrid", "hybrid", "\"RequireDPoP\": true", "\"AllowAccessTokensViaBrowser\": true"),
            interactive("dpop-implicit", "implicit", "\"RequireDPoP\": true", "\"AllowAccessTokensViaBrowser\": true"));

    private final AuthorizeRequestValidator validator = validator(CLIENTS);

    static final String ISSUER = "https://id.example";

    /** A valid code flow request of client "code", with PKCE S256 and state. */
    static Map<String, List<String>> base() {
        var parameters = new LinkedHashMap<String, List<String>>();
        parameters.put("client_id", List.of("code"));
        parameters.put("redirect_uri", List.of(CALLBACK));
        parameters.put("response_type", List.of("code"));
        parameters.put("scope", List.of("openid api1"));
        parameters.put("state", List.of("xyz"));
        parameters.put("code_challenge", List.of(CHALLENGE));
        parameters.put("code_challenge_method", List.of("S256"));
        return parameters;
    }

    /** {@link #base()} changed: "name=value" sets, "name" alone removes, "name+=value" adds a repeat. */
    static Form request(String... changes) {
        var parameters = base();
        for (String change : changes) {
            int eq = change.indexOf('=');
            if (eq < 0) {
                parameters.remove(change);
            } else if (change.charAt(eq - 1) == '+') {
                String name = change.substring(0, eq - 1);
                var values = new ArrayList<>(parameters.getOrDefault(name, List.of()));
                values.add(change.substring(eq + 1));
                parameters.put(name, values);
            } else {
                parameters.put(change.substring(0, eq), List.of(change.substring(eq + 1)));
            }
        }
        return new Form(parameters);
    }

    private AuthorizeRequest valid(String... changes) {
        var validated = validator.validate(request(changes), ISSUER);
        if (validated instanceof Validated.Invalid invalid) {
            throw new AssertionError("expected a valid request, got " + invalid.answer());
        }
        return ((Validated.Valid) validated).request();
    }

    private AuthorizeStep.ShowError page(String... changes) {
        var validated = assertInstanceOf(Validated.Invalid.class, validator.validate(request(changes), ISSUER));
        return assertInstanceOf(AuthorizeStep.ShowError.class, validated.answer(),
                "must not redirect: " + validated.answer());
    }

    /** An error sent to the registered redirect URI with the request's state (RFC 6749 §4.1.2.1). */
    private AuthorizeStep.Respond redirected(String... changes) {
        var validated = assertInstanceOf(Validated.Invalid.class, validator.validate(request(changes), ISSUER));
        var respond = assertInstanceOf(AuthorizeStep.Respond.class, validated.answer(), "must redirect: " + validated.answer());
        assertEquals(CALLBACK, respond.redirection().redirectUri());
        return respond;
    }

    private String error(String... changes) {
        var respond = redirected(changes);
        assertEquals("xyz", respond.redirection().state());
        return respond.parameters().get("error");
    }

    @Test
    void theBaseRequestIsValid() {
        var request = valid();
        assertEquals("code", request.client().clientId());
        assertEquals(CALLBACK, request.redirection().redirectUri());
        assertEquals("xyz", request.redirection().state());
        assertEquals(ResponseMode.QUERY, request.redirection().mode());
        assertEquals(Set.of("code"), request.responseType());
        assertEquals(List.of("openid", "api1"), request.requested().scopes());
        assertEquals(CHALLENGE, request.codeChallenge());
        assertEquals("S256", request.codeChallengeMethod());
        assertEquals(Set.of(), request.prompt());
        assertNull(request.maxAge());
    }

    // --- RFC 6749 §4.1.2.1 / §3.1.2.4: until client and redirect URI are verified, an error page, never a redirect ---

    @Test
    void missingUnknownOrDisabledClientIsAnErrorPage() {
        page("client_id");
        page("client_id=");
        assertEquals("unauthorized_client", page("client_id=nobody").error().code());
        page("client_id=disabled");
        page("client_id=CODE"); // client ids are exact
    }

    @Test
    void missingRedirectUriIsAnErrorPage() { // OIDC Core §3.1.2.1: redirect_uri REQUIRED
        assertEquals("invalid_request", page("redirect_uri").error().code());
        page("redirect_uri="); // RFC 6749 §3.1: a parameter without a value is omitted
    }

    /** RFC 9700 §4.1.3, OIDC Core §3.1.2.1: simple string comparison with a registered URI. */
    @ParameterizedTest
    @ValueSource(strings = {
            "https://evil.example/callback",
            "HTTPS://APP.EXAMPLE/callback",
            "https://APP.example/callback",
            "https://app.example/Callback",
            "https://app.example/callback/",
            "https://app.example/callbac",
            "https://app.example/callback?x=1",
            "https://app.example/callback#x",
            "https://app.example:443/callback",
            "http://app.example/callback",
            "https://app.example/callback/../callback",
            "https://app.example.evil.example/callback",
            " https://app.example/callback"})
    void unregisteredRedirectUriIsAnErrorPage(String redirectUri) {
        assertEquals("invalid_request", page("redirect_uri=" + redirectUri).error().code());
    }

    @Test
    void repeatedClientIdOrRedirectUriIsAnErrorPage() { // RFC 6749 §3.1: parameters MUST NOT be included more than once
        page("client_id+=code");
        page("client_id+=other");
        page("redirect_uri+=" + CALLBACK);
    }

    @Test
    void laterErrorsRedirectToTheRegisteredUriWithState() {
        var respond = redirected("response_type=foo", "state=a b&c");
        assertEquals("a b&c", respond.redirection().state());
        assertEquals("unsupported_response_type", respond.parameters().get("error"));
        assertEquals(Set.of("error", "error_description"), respond.parameters().keySet());
    }

    @Test
    void errorWithoutStateRedirectsWithoutState() {
        assertNull(redirected("scope", "state").redirection().state());
    }

    @Test
    void otherRepeatedParametersAreRedirectedInvalidRequest() {
        assertEquals("invalid_request", error("scope+=openid"));
        assertEquals("invalid_request", error("state+=other"));
        assertEquals("invalid_request", error("response_type+=code"));
    }

    @Test
    void resourceMayRepeat() { // RFC 8707 §2
        var request = valid("resource=https://a.example", "resource+=https://b.example");
        assertEquals(List.of("https://a.example", "https://b.example"), request.resources());
        assertEquals(List.of("https://a.example", "https://b.example"), request.requested().audiences());
        assertEquals("invalid_target", error("resource=https://unknown.example"));
    }

    // --- response_type ---

    @Test
    void responseTypeIsRequired() { // RFC 6749 §4.1.1
        assertEquals("invalid_request", error("response_type"));
    }

    /** OAuth 2.0 Multiple Response Type Encoding Practices §2: the order of the values does not matter. */
    @ParameterizedTest
    @ValueSource(strings = {"code id_token", "id_token code"})
    void responseTypeIsASet(String responseType) {
        var request = valid("client_id=hybrid", "response_type=" + responseType, "nonce=n");
        assertEquals(Set.of("code", "id_token"), request.responseType());
    }

    @ParameterizedTest
    @ValueSource(strings = {"id_token token", "token id_token"})
    void implicitResponseTypeIsASet(String responseType) {
        var request = valid("client_id=implicit", "response_type=" + responseType, "nonce=n");
        assertEquals(Set.of("id_token", "token"), request.responseType());
    }

    @Test
    void codeTokenIdTokenInAnyOrder() {
        assertEquals(Set.of("code", "id_token", "token"),
                valid("client_id=hybrid", "response_type=token code id_token", "nonce=n").responseType());
    }

    @ParameterizedTest
    @ValueSource(strings = {"foo", "code foo", "none", "CODE", "code code2"})
    void unknownResponseTypeIsUnsupportedResponseType(String responseType) { // RFC 6749 §4.1.2.1
        assertEquals("unsupported_response_type", error("response_type=" + responseType));
    }

    /** RFC 6749 §4.1.2.1 unauthorized_client: each response type needs its grant type (Multiple Response Types §3-5). */
    @ParameterizedTest
    @CsvSource({
            "code,      id_token",
            "code,      code id_token",
            "code,      code token",
            "implicit,  code",
            "implicit,  code id_token",
            "hybrid,    code",
            "hybrid,    id_token",
            "hybrid,    id_token token"})
    void responseTypeNeedsItsGrantType(String clientId, String responseType) {
        assertEquals("unauthorized_client", error("client_id=" + clientId, "response_type=" + responseType, "nonce=n"));
    }

    @Test
    void eachGrantTypeGetsItsResponseTypes() {
        valid("client_id=implicit", "response_type=id_token", "nonce=n");
        valid("client_id=implicit", "response_type=id_token token", "nonce=n");
        valid("client_id=hybrid", "response_type=code id_token", "nonce=n");
        valid("client_id=hybrid", "response_type=code token", "nonce=n");
        valid("client_id=hybrid", "response_type=code id_token token", "nonce=n");
    }

    @Test
    void accessTokensThroughTheBrowserNeedAllowAccessTokensViaBrowser() {
        assertEquals("unauthorized_client",
                error("client_id=implicit-no-browser", "response_type=id_token token", "nonce=n"));
        assertEquals("unauthorized_client",
                error("client_id=hybrid-no-browser", "response_type=code token", "nonce=n"));
        assertEquals("unauthorized_client",
                error("client_id=hybrid-no-browser", "response_type=code id_token token", "nonce=n"));
        valid("client_id=implicit-no-browser", "response_type=id_token", "nonce=n");
        valid("client_id=hybrid-no-browser", "response_type=code id_token", "nonce=n");
    }

    // --- response_mode ---

    /** Multiple Response Types §2.1 and §3-5: query for code, fragment for the types that return tokens. */
    @Test
    void responseModeDefaultsToQueryForCodeAndFragmentOtherwise() {
        assertEquals(ResponseMode.QUERY, valid().redirection().mode());
        assertEquals(ResponseMode.FRAGMENT,
                valid("client_id=implicit", "response_type=id_token", "nonce=n").redirection().mode());
        assertEquals(ResponseMode.FRAGMENT,
                valid("client_id=hybrid", "response_type=code id_token", "nonce=n").redirection().mode());
    }

    @Test
    void requestedResponseModeIsUsed() {
        assertEquals(ResponseMode.FORM_POST, valid("response_mode=form_post").redirection().mode());
        assertEquals(ResponseMode.FRAGMENT, valid("response_mode=fragment").redirection().mode());
        assertEquals(ResponseMode.FORM_POST,
                valid("client_id=implicit", "response_type=id_token", "nonce=n", "response_mode=form_post").redirection().mode());
    }

    @Test
    void errorsOfATokenResponseTypeGoInTheFragment() {
        assertEquals(ResponseMode.FRAGMENT,
                redirected("client_id=implicit", "response_type=id_token").redirection().mode()); // nonce missing
    }

    /** Multiple Response Types §3, §5: the query must not carry tokens (nor an ID token). */
    @ParameterizedTest
    @ValueSource(strings = {"id_token", "id_token token", "code id_token", "code token"})
    void queryModeIsRefusedForTokenResponseTypes(String responseType) {
        String clientId = responseType.startsWith("code") ? "hybrid" : "implicit";
        assertEquals("invalid_request",
                error("client_id=" + clientId, "response_type=" + responseType, "nonce=n", "response_mode=query"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"foo", "QUERY", "query.JWT", "form_post.jwt.x"})
    void unknownResponseModeIsInvalidRequest(String mode) {
        var respond = redirected("response_mode=" + mode);
        assertEquals("invalid_request", respond.parameters().get("error"));
        assertEquals(ResponseMode.QUERY, respond.redirection().mode()); // the response type's default
    }

    // --- JARM: the JWT response modes ---

    @Test
    void jarmsJwtModeIsTheResponseTypesDefaultAsAJwt() { // JARM §2.3.4
        assertEquals(ResponseMode.QUERY_JWT, valid("response_mode=jwt").redirection().mode());
        assertEquals(ResponseMode.FRAGMENT_JWT, valid("client_id=hybrid", "response_type=code id_token", "nonce=n",
                "response_mode=jwt").redirection().mode());
        assertEquals(ResponseMode.FORM_POST_JWT, valid("response_mode=form_post.jwt").redirection().mode());
        assertEquals("code", valid("response_mode=jwt").redirection().clientId());
    }

    @Test
    void tokensNeverTravelInAQueryJwtAndSwitchedOffTheModesAreUnknown() { // JARM §2.3.1: unless encrypted
        var respond = redirected("client_id=hybrid", "response_type=code id_token", "nonce=n", "response_mode=query.jwt");
        assertEquals("response_mode query.jwt is not allowed for response_type code id_token",
                respond.parameters().get("error_description"));
        validator.features = new Features(java.util.EnumSet.complementOf(java.util.EnumSet.of(
                org.gatehouse.configuration.entity.Feature.JARM)));
        var off = redirected("response_mode=jwt");
        assertEquals("response_mode is not supported", off.parameters().get("error_description"));
        assertEquals(ResponseMode.QUERY, off.redirection().mode());
    }

    // --- scope ---

    @Test
    void missingScopeIsInvalidScope() {
        assertEquals("invalid_scope", error("scope"));
        assertEquals("invalid_scope", error("scope="));
    }

    /** RFC 6749 §3.3: scope-tokens of %x21 / %x23-5B / %x5D-7E, separated by single spaces. */
    @ParameterizedTest
    @ValueSource(strings = {"openid  api1", " openid", "openid ", "openid\tapi1", "open\"id", "open\\id", "openid\u00e9"})
    void malformedScopeIsInvalidScope(String scope) {
        assertEquals("invalid_scope", error("scope=" + scope));
    }

    @ParameterizedTest
    @ValueSource(strings = {"openid nope", "openid disabled", "openid phone", "openid address"})
    void unknownDisabledOrNotAllowedScopeIsInvalidScope(String scope) {
        assertEquals("invalid_scope", error("scope=" + scope));
    }

    @Test
    void identityScopeWithoutOpenidIsInvalidScope() { // OIDC Core §3.1.2.1: openid is what makes it an OIDC request
        assertEquals("invalid_scope", error("scope=profile"));
        assertEquals("invalid_scope", error("scope=profile api1"));
        assertEquals("invalid_scope", error("scope=email"));
    }

    @Test
    void apiScopesAloneArePlainOAuth() {
        assertEquals(List.of("api1"), valid("scope=api1").requested().scopes());
    }

    @Test
    void idTokenNeedsTheOpenidScope() {
        assertEquals("invalid_scope", error("client_id=implicit", "response_type=id_token", "nonce=n", "scope=api1"));
    }

    @Test
    void repeatedScopeValuesCountOnce() {
        assertEquals(List.of("openid", "api1", "profile"), valid("scope=openid api1 openid profile api1").requested().scopes());
    }

    /** Duende: offline_access is granted by AllowOfflineAccess, whatever AllowedScopes says. */
    @Test
    void offlineAccessNeedsAllowOfflineAccessNotAllowedScopes() {
        assertEquals(List.of("openid", "offline_access"), valid("scope=openid offline_access").requested().scopes());
        assertEquals("invalid_scope", error("client_id=no-offline", "scope=openid offline_access"));
    }

    @Test
    void offlineAccessListedInAllowedScopesIsNotEnough() {
        var listed = Fixtures.validClient("{ \"ClientId\": \"listed\", \"RequireClientSecret\": false,"
                + " \"AllowedGrantTypes\": [ \"authorization_code\" ], \"RedirectUris\": [ \"" + CALLBACK + "\" ],"
                + " \"AllowedScopes\": [ \"openid\", \"offline_access\" ] }");
        validator.clients = new ClientStore() {
            @Override
            public Optional<Client> find(String clientId) {
                return Optional.of(listed).filter(c -> c.clientId().equals(clientId));
            }
        };
        assertEquals("invalid_scope", error("client_id=listed", "scope=openid offline_access"));
    }

    // --- nonce ---

    /**
     * OIDC Core §3.2.2.1, §3.3.2.1 (errata set 2): nonce is REQUIRED when the authorization endpoint returns an ID
     * token (the 2014 text's §3.3.2.11 read as if all hybrid response types needed it; the errata and the
     * conformance suite's oidcc-ensure-request-without-nonce-succeeds-for-code-flow do not).
     */
    @ParameterizedTest
    @CsvSource({
            "implicit, id_token",
            "implicit, id_token token",
            "hybrid,   code id_token",
            "hybrid,   code id_token token"})
    void nonceIsRequiredWhereTheAuthorizationEndpointReturnsAnIdToken(String clientId, String responseType) {
        assertEquals("invalid_request", error("client_id=" + clientId, "response_type=" + responseType));
        assertEquals("n-0S6_WzA2Mj", valid("client_id=" + clientId, "response_type=" + responseType,
                "nonce=n-0S6_WzA2Mj").nonce());
    }

    /** Its ID token comes from the token endpoint, as in the code flow, where nonce is optional (§3.1.2.1). */
    @Test
    void codeTokenNeedsNoNonce() {
        assertNull(valid("client_id=hybrid", "response_type=code token").nonce());
    }

    @Test
    void nonceIsOptionalForCode() { // OIDC Core §3.1.2.1: OPTIONAL
        assertNull(valid().nonce());
        assertEquals("abc", valid("nonce=abc").nonce());
    }

    // --- PKCE, RFC 7636 ---

    @Test
    void requirePkceRefusesARequestWithoutChallenge() { // RFC 7636 §4.4.1
        assertEquals("invalid_request", error("code_challenge", "code_challenge_method"));
    }

    @Test
    void withoutRequirePkceTheChallengeIsOptional() {
        var request = valid("client_id=optional-pkce", "code_challenge", "code_challenge_method");
        assertNull(request.codeChallenge());
        assertNull(request.codeChallengeMethod());
        assertEquals("S256", valid("client_id=optional-pkce").codeChallengeMethod());
    }

    /** RFC 7636 §4.3: code_challenge_method defaults to plain, which only AllowPlainTextPkce clients may use. */
    @Test
    void absentMethodIsPlain() {
        assertEquals("invalid_request", error("code_challenge_method"));
        var request = valid("client_id=plain", "code_challenge_method");
        assertEquals("plain", request.codeChallengeMethod());
        assertEquals(CHALLENGE, request.codeChallenge());
    }

    @Test
    void plainNeedsAllowPlainTextPkce() {
        assertEquals("invalid_request", error("code_challenge_method=plain"));
        assertEquals("plain", valid("client_id=plain", "code_challenge_method=plain").codeChallengeMethod());
        assertEquals("S256", valid("client_id=plain").codeChallengeMethod());
    }

    @ParameterizedTest
    @ValueSource(strings = {"s256", "SHA256", "S512", "PLAIN", "none"})
    void unknownMethodIsInvalidRequest(String method) { // RFC 7636 §4.4.1
        assertEquals("invalid_request", error("client_id=plain", "code_challenge_method=" + method));
    }

    /** RFC 7636 §4.2: code_challenge = 43*128unreserved, unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~". */
    @Test
    void challengeOf43To128UnreservedCharactersIsAccepted() {
        valid("code_challenge=" + "a".repeat(43));
        valid("code_challenge=" + "a".repeat(128));
        valid("code_challenge=" + "Az09-._~".repeat(6));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 42, 129, 200})
    void challengeOfAnotherLengthIsInvalidRequest(int length) {
        assertEquals("invalid_request", error("code_challenge=" + "a".repeat(length)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+", "/", "=", " ", "%", "!"})
    void challengeWithReservedCharactersIsInvalidRequest(String character) {
        assertEquals("invalid_request", error("code_challenge=" + "a".repeat(42) + character));
    }

    @Test
    void challengeIsIgnoredWithoutCode() {
        var request = valid("client_id=implicit", "response_type=id_token", "nonce=n");
        assertNull(request.codeChallenge());
        assertNull(request.codeChallengeMethod());
    }

    @Test
    void hybridNeedsPkceToo() {
        assertEquals("invalid_request",
                error("client_id=hybrid", "response_type=code id_token", "nonce=n", "code_challenge", "code_challenge_method"));
    }

    // --- prompt, max_age: OIDC Core §3.1.2.1 ---

    @Test
    void promptValuesAreASet() {
        assertEquals(Set.of("login", "consent"), valid("prompt=consent login").prompt());
        assertEquals(Set.of("none"), valid("prompt=none").prompt());
        assertEquals(Set.of("select_account"), valid("prompt=select_account").prompt());
    }

    @Test
    void promptNoneMustBeAlone() { // "If this parameter contains none with any other value, an error is returned."
        assertEquals("invalid_request", error("prompt=none login"));
        assertEquals("invalid_request", error("prompt=consent none"));
    }

    /** Gatehouse refuses values it does not know (Duende ignores them; the spec says neither). */
    @ParameterizedTest
    @ValueSource(strings = {"foo", "login foo", "None", "create"})
    void unknownPromptIsInvalidRequest(String prompt) {
        assertEquals("invalid_request", error("prompt=" + prompt));
    }

    @Test
    void maxAgeIsANonNegativeNumberOfSeconds() {
        assertEquals(0, valid("max_age=0").maxAge());
        assertEquals(3600, valid("max_age=3600").maxAge());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "abc", "1.5", "1e3", "99999999999"})
    void badMaxAgeIsInvalidRequest(String maxAge) {
        assertEquals("invalid_request", error("max_age=" + maxAge));
    }

    @Test
    void loginHintIsCarried() {
        assertEquals("alice", valid("login_hint=alice").loginHint());
    }

    // --- request objects: RFC 9101, OIDC Core §6 (their verification: RequestObjectsTest) ---

    /** {@link #request} changed, as client {@code clientId} signs it for Gatehouse: a request object. */
    private static String signedObject(String clientId, RSAKey key, String... changes) {
        var claims = new JWTClaimsSet.Builder().issuer(clientId).audience(ISSUER);
        request(changes).with("client_id", clientId).parameters().forEach((name, values) -> claims.claim(name, values.get(0)));
        try {
            var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aSignedRequestObjectIsTheRequestAndItsSignInCarriesOnlyItsHandle() {
        var sent = byReference("client_id", "jar", "request", signedObject("jar", JAR_KEY, "scope=openid profile", "state=signed"));
        var request = validPushed(sent);
        assertEquals(List.of("openid", "profile"), request.requested().scopes());
        assertEquals("signed", request.redirection().state());
        assertTrue(request.requestUri().startsWith("urn:ietf:params:oauth:request_uri:"), request.requestUri());
        assertEquals(byReference("client_id", "jar", "request_uri", request.requestUri()), request.carried());
        var atThePages = assertInstanceOf(Validated.Valid.class, validator.validateCarried(request.carried())).request();
        assertEquals("signed", atThePages.redirection().state(), "the kept request, not verified again");
        var ownObject = assertInstanceOf(Validated.Invalid.class, validator.validateCarried(sent));
        assertEquals("request objects are read at the authorization endpoint only", ownObject.error().description());
    }

    @Test
    void aClientRequiringRequestObjectsIsServedOnlyWithASignedOne() {
        assertEquals("the client must send its authorization requests as signed request objects (RFC 9101)",
                redirected("client_id=request-object").parameters().get("error_description"));
        var request = validPushed(byReference("client_id", "request-object", "request", signedObject("request-object", JAR_KEY)));
        var kept = validator.validateCarried(request.carried());
        assertInstanceOf(Validated.Valid.class, kept, "the kept request still counts as signed");
    }

    /** OIDC Core §6.3.3: the refusal reaches the client the way its request object asked, with its state. */
    @Test
    void aRefusedRequestObjectIsAnsweredWhereItAsksIfThatIsARegisteredRedirectUri() {
        String forged = signedObject("jar", rsaKey(), "response_mode=form_post", "state=inside");
        var respond = assertInstanceOf(AuthorizeStep.Respond.class, assertInstanceOf(Validated.Invalid.class,
                validator.validate(byReference("client_id", "jar", "request", forged), ISSUER)).answer());
        assertEquals("invalid_request_object", respond.parameters().get("error"));
        assertEquals(CALLBACK, respond.redirection().redirectUri());
        assertEquals(ResponseMode.FORM_POST, respond.redirection().mode());
        assertEquals("inside", respond.redirection().state());
        String elsewhere = signedObject("jar", rsaKey(), "redirect_uri=https://evil.example/cb");
        assertInstanceOf(AuthorizeStep.ShowError.class, assertInstanceOf(Validated.Invalid.class,
                validator.validate(byReference("client_id", "jar", "request", elsewhere), ISSUER)).answer());
        String unsigned = new PlainJWT(new JWTClaimsSet.Builder().claim("nonce", "n").build()).serialize();
        assertEquals("invalid_request_object", error("request=" + unsigned), "alg none, not allowed");
        assertEquals(ResponseMode.QUERY, redirected("request=not-a-jwt").redirection().mode(), "unreadable: the request's own");
    }

    @Test
    void switchedOffRequestObjectsAndRegistrationAreNotSupported() { // OIDC Core §3.1.2.6
        validator.requestObjects = org.gatehouse.jar.control.TestRequestObjects.on(java.time.Clock.systemUTC(), new Features(
                java.util.EnumSet.complementOf(java.util.EnumSet.of(org.gatehouse.configuration.entity.Feature.REQUEST_OBJECTS))));
        String object = new PlainJWT(new JWTClaimsSet.Builder().claim("response_mode", "form_post")
                .claim("state", "inside").build()).serialize();
        var respond = redirected("request=" + object, "state");
        assertEquals("request_not_supported", respond.parameters().get("error"));
        assertEquals(ResponseMode.FORM_POST, respond.redirection().mode());
        assertEquals("inside", respond.redirection().state());
        assertEquals("request_uri_not_supported", error("request_uri=https://app.example/request.jwt"));
        assertEquals("registration_not_supported", error("registration={}"));
    }

    // --- the claims parameter: OIDC Core §5.5 ---

    @Test
    void claimsAskedForByNameAreCarried() {
        var request = valid("claims={\"userinfo\": {\"name\": {\"essential\": true}}}");
        assertEquals(Set.of("name"), request.claims().claims().userInfo());
        assertEquals(List.of("openid", "api1", "profile"), request.consentScopes(), "the user consents to profile");
    }

    @Test
    void aBadClaimsParameterGoesBackToTheClient() {
        assertEquals("invalid_request", error("claims={"));
        assertEquals("unmet_authentication_requirements",
                error("claims={\"id_token\": {\"acr\": {\"essential\": true, \"value\": \"urn:mfa\"}}}"));
    }

    @Test
    void aPlainOAuthRequestsClaimsParameterMeansNothing() {
        assertEquals(ClaimsRequest.NONE, valid("scope=api1", "claims={").claims());
    }

    @Test
    void clientsRequiringRequestObjectsOrParAreRefusedARequestSentStraightHere() {
        assertEquals("invalid_request", error("client_id=request-object"));
        assertEquals("the client must push its authorization requests to connect/par (RFC 9126) and send their request_uri"
                + " here", redirected("client_id=par").parameters().get("error_description"));
    }

    // --- pushed authorization requests (RFC 9126) ---

    private static final Client PAR = CLIENTS.stream().filter(c -> c.clientId().equals("par")).findFirst().orElseThrow();

    /** Pushes {@link #base()} changed, as client "par", and returns its request_uri. */
    private String pushed(String... changes) {
        var request = request(changes).with("client_id", "par");
        assertInstanceOf(Validated.Valid.class, validator.validateToPush(request, false), "the pushed request is valid");
        return validator.pushed.push(PAR, new StoredRequest(request, true, false)).requestUri();
    }

    private static Form byReference(String... nameValues) {
        var form = new Form(Map.of());
        for (int i = 0; i < nameValues.length; i += 2) {
            form = form.with(nameValues[i], nameValues[i + 1]);
        }
        return form;
    }

    private AuthorizeRequest validPushed(Form form) {
        var validated = validator.validate(form, ISSUER);
        if (validated instanceof Validated.Invalid invalid) {
            throw new AssertionError("expected a valid request, got " + invalid.answer());
        }
        return ((Validated.Valid) validated).request();
    }

    @Test
    void theRequestUriNamesThePushedRequestWhateverElseTheBrowserSends() { // RFC 9126 §4
        String requestUri = pushed("scope=openid profile", "state=pushed");
        assertTrue(requestUri.startsWith("urn:ietf:params:oauth:request_uri:"), requestUri);
        var request = validPushed(byReference("client_id", "par", "request_uri", requestUri, "scope", "api1", "state", "sent"));
        assertEquals(List.of("openid", "profile"), request.requested().scopes());
        assertEquals("pushed", request.redirection().state());
        assertEquals(requestUri, request.requestUri());
        assertEquals(byReference("client_id", "par", "request_uri", requestUri), request.carried(), "the pages carry the reference");
    }

    @Test
    void anUnknownUsedOrAnotherClientsRequestUriIsAnErrorPageNotARedirect() {
        String requestUri = pushed();
        for (var form : List.of(byReference("client_id", "code", "request_uri", requestUri),
                byReference("client_id", "par", "request_uri", "urn:ietf:params:oauth:request_uri:unknown"),
                byReference("request_uri", requestUri))) {
            var answer = assertInstanceOf(Validated.Invalid.class, validator.validate(form, ISSUER)).answer();
            assertInstanceOf(AuthorizeStep.ShowError.class, answer, form.encoded());
        }
        assertTrue(validator.pushed.consume(requestUri));
        var used = assertInstanceOf(Validated.Invalid.class, validator.validate(byReference("client_id", "par", "request_uri", requestUri), ISSUER));
        assertEquals("invalid_request_uri", used.error().code());
        assertFalse(validator.pushed.consume(requestUri), "once");
    }

    @Test
    void afterTheSignInAPushedPromptLoginIsSuppressedAndTheRestKept() { // as Duende's suppressed_prompt
        String requestUri = pushed("prompt=login consent", "max_age=0");
        var before = validPushed(byReference("client_id", "par", "request_uri", requestUri));
        assertEquals(Set.of("login", "consent"), before.prompt());
        var after = validPushed(FormParser.parseEncoded(LoginInteraction.carriedAfterSignIn(before)).fold(f -> f, e -> null));
        assertEquals(Set.of("consent"), after.prompt());
        assertNull(after.maxAge());
        assertEquals(requestUri, after.requestUri());
    }

    @Test
    void aPushedRequestMeetsRequirePushedAuthorization() { // a pushed request_uri of its own: PushedAuthorizationTest
        assertInstanceOf(Validated.Valid.class, validator.validate(byReference("client_id", "par", "request_uri", pushed()), ISSUER));
    }

    @Test
    void withDuendesGlobalRequirementEveryClientMustPush() { // PushedAuthorization:Required
        validator.pushedOptions = new org.gatehouse.par.entity.PushedAuthorizationOptions(true, java.time.Duration.ofMinutes(10));
        assertEquals("invalid_request", error());
    }

    /**
     * RequireDPoP: no access token through the browser, where no proof binds it (RFC 9449 binds at the token
     * endpoint); codes are issued, for the token endpoint redeems them only with a proof.
     */
    @Test
    void clientsRequiringDPoPGetCodesButNoAccessTokensThroughTheBrowser() {
        assertEquals(Set.of("code"), valid("client_id=dpop").responseType());
        assertEquals(Set.of("code", "id_token"), valid("client_id=dpop-hybrid", "response_type=code id_token", "nonce=n",
                "response_mode=fragment").responseType());
        assertEquals("unauthorized_client", error("client_id=dpop-hybrid", "response_type=code token",
                "response_mode=fragment"));
        assertEquals("unauthorized_client", error("client_id=dpop-implicit", "response_type=id_token token", "nonce=n",
                "response_mode=fragment", "code_challenge", "code_challenge_method"));
        // An ID token alone is no bearer credential: it is still issued.
        var idToken = valid("client_id=dpop-implicit", "response_type=id_token", "scope=openid", "nonce=n",
                "response_mode=fragment", "code_challenge", "code_challenge_method");
        assertEquals(Set.of("id_token"), idToken.responseType());
    }

    /** RFC 9449 §10: dpop_jkt binds the code to a key, given as a JWK SHA-256 thumbprint. */
    @Test
    void dpopJktIsAThumbprintThatTheCodeCarries() {
        String thumbprint = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"; // RFC 7638 §3.1's example
        assertEquals(thumbprint, valid("dpop_jkt=" + thumbprint).dpopJkt());
        assertNull(valid().dpopJkt());
        assertEquals("invalid_request", error("dpop_jkt=not-a-thumbprint"));
        assertEquals("invalid_request", error("dpop_jkt=" + thumbprint + "=")); // 44 characters: padded, not base64url
    }

    // --- length limits ---

    @ParameterizedTest
    @CsvSource({
            "state,         2001",
            "nonce,         301",
            "login_hint,    201",
            "scope,         2001",
            "ui_locales,    101",
            "acr_values,    301",
            "response_mode, 21",
            "unknown,       4097"})
    void overlongParametersAreInvalidRequest(String name, int length) {
        var respond = redirected(name + "=" + "a".repeat(length));
        assertEquals("invalid_request", respond.parameters().get("error"));
    }

    @Test
    void parametersAtTheirLimitAreAccepted() {
        assertEquals(2000, valid("state=" + "s".repeat(2000)).redirection().state().length());
        assertEquals(300, valid("nonce=" + "n".repeat(300)).nonce().length());
    }

    @Test
    void overlongClientIdOrRedirectUriIsAnErrorPage() {
        page("client_id=" + "c".repeat(201));
        page("redirect_uri=" + CALLBACK + "?" + "x".repeat(2000));
    }

    @Test
    void errorDescriptionIsSafeToReflect() { // RFC 6749 §4.1.2.1: error_description is %x20-21 / %x23-5B / %x5D-7E
        var description = redirected("response_type=\"<é>\\").parameters().get("error_description");
        assertEquals(true, description.chars().allMatch(c -> c >= 0x20 && c <= 0x7E && c != '"' && c != '\\'), description);
    }
}
