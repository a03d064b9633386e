package org.gatehouse.authorize.control;

import static org.gatehouse.protocol.entity.ErrorCode.INVALID_REQUEST;
import static org.gatehouse.protocol.entity.ErrorCode.INVALID_REQUEST_URI;
import static org.gatehouse.protocol.entity.ErrorCode.INVALID_SCOPE;
import static org.gatehouse.protocol.entity.ErrorCode.REGISTRATION_NOT_SUPPORTED;
import static org.gatehouse.protocol.entity.ErrorCode.UNAUTHORIZED_CLIENT;
import static org.gatehouse.protocol.entity.ErrorCode.UNSUPPORTED_RESPONSE_TYPE;
import static org.gatehouse.protocol.entity.Parameters.repeatable;
import static org.gatehouse.protocol.entity.Parameters.single;

import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTParser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.gatehouse.authorize.entity.AuthorizeRequest;
import org.gatehouse.authorize.entity.AuthorizeStep;
import org.gatehouse.authorize.entity.Redirection;
import org.gatehouse.authorize.entity.ResponseMode;
import org.gatehouse.claims.control.ClaimsRequests;
import org.gatehouse.clients.control.ClientStore;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.configuration.entity.Feature;
import org.gatehouse.configuration.entity.Features;
import org.gatehouse.jar.control.RequestObjects;
import org.gatehouse.par.control.PushedRequests;
import org.gatehouse.par.entity.PushedAuthorizationOptions;
import org.gatehouse.par.entity.StoredRequest;
import org.gatehouse.protocol.entity.Endpoints;
import org.gatehouse.protocol.entity.ErrorCode;
import org.gatehouse.protocol.entity.Form;
import org.gatehouse.protocol.entity.GrantTypes;
import org.gatehouse.protocol.entity.OAuthError;
import org.gatehouse.protocol.entity.Outcome;
import org.gatehouse.protocol.entity.Parameters;
import org.gatehouse.protocol.entity.ScopeToken;
import org.gatehouse.resources.control.ScopeValidator;
import org.gatehouse.resources.entity.StandardIdentityResources;

/**
 * Validates an authorization request in the order RFC 6749 §4.1.2.1 demands: first what decides whether
 * a redirect is safe (client, redirect URI — otherwise an error page, never a redirect), then everything
 * else, whose errors go back to the client's registered redirect URI.
 */
@ApplicationScoped
public class AuthorizeRequestValidator {

    /** The parameters and their bounds, in the spirit of Duende's InputLengthRestrictions. */
    private static final Parameters PARAMETERS = Parameters.of(single("client_id", Client.MAX_ID_LENGTH),
            single("redirect_uri", 2000), single("scope", 2000), single("state", 2000), single("nonce", 300),
            single("code_challenge", 128), single("code_challenge_method", 10), single("login_hint", 200),
            single("ui_locales", 100), single("acr_values", 300), single("max_age", 10), single("prompt", 100),
            single("response_type", 50), single("response_mode", 20), repeatable("resource", 2000),
            single("id_token_hint", 8000), single("display", 20), single("claims", 4000), single("dpop_jkt", 100));

    /** The response types and the grant type a client needs for each (OAuth 2.0 Multiple Response Types §3-5). */
    private static final Map<String, String> RESPONSE_TYPES = Map.of(
            "code", GrantTypes.AUTHORIZATION_CODE,
            "id_token", GrantTypes.IMPLICIT,
            "id_token token", GrantTypes.IMPLICIT,
            "token", GrantTypes.IMPLICIT,
            "code id_token", GrantTypes.HYBRID,
            "code token", GrantTypes.HYBRID,
            "code id_token token", GrantTypes.HYBRID);

    /** Discovery's {@code response_types_supported}. */
    public static final List<String> SUPPORTED_RESPONSE_TYPES = List.of("code", "id_token", "id_token token", "token",
            "code id_token", "code token", "code id_token token");

    private static final Set<String> PROMPTS = Set.of("none", "login", "consent", "select_account");

    /** RFC 9449 §10: dpop_jkt, a JWK SHA-256 thumbprint (RFC 7638), is 43 base64url characters. */
    private static final Pattern JWK_THUMBPRINT = Pattern.compile("[A-Za-z0-9_-]{43}");

    /** RFC 7636 §4.2: code_challenge = 43*128unreserved. */
    private static final Pattern CODE_CHALLENGE = Pattern.compile("[A-Za-z0-9\\-._~]{43,128}");

    @Inject
    ClientStore clients;

    @Inject
    ScopeValidator scopes;

    @Inject
    ClaimsRequests claimsRequests;

    @Inject
    Features features;

    @Inject
    PushedRequests pushed;

    @Inject
    PushedAuthorizationOptions pushedOptions;

    @Inject
    RequestObjects requestObjects;

    /** Added to a pushed request's {@code request_uri} after the sign-in it asked for (Duende's name). */
    static final String SUPPRESSED_PROMPT = "suppressed_prompt";

    /** A request, or the answer to a bad one: an error page, or an error sent to the redirect URI. */
    public sealed interface Validated {
        record Valid(AuthorizeRequest request) implements Validated {
        }

        record Invalid(AuthorizeStep answer) implements Validated {

            /** The error, for an answer in JSON (RFC 9126 §2.3) rather than a page or a redirect. */
            public OAuthError error() {
                if (answer instanceof AuthorizeStep.ShowError shown) {
                    return shown.error();
                }
                var parameters = ((AuthorizeStep.Respond) answer).parameters();
                return new OAuthError(ErrorCode.of(parameters.get("error")).orElse(ErrorCode.INVALID_REQUEST),
                        parameters.get("error_description"));
            }
        }

        default <R> R fold(Function<AuthorizeRequest, R> onValid, Function<AuthorizeStep, R> onInvalid) {
            if (this instanceof Valid valid) {
                return onValid.apply(valid.request());
            }
            return onInvalid.apply(((Invalid) this).answer());
        }
    }

    /**
     * Where a request came from: sent as {@code carried} itself, or kept under {@code requestUri} (which the pages then
     * carry instead); {@code pushed} to {@code connect/par} (or being pushed); {@code signed}: its parameters are those
     * of a request object the client signed.
     */
    private record Origin(Form carried, String requestUri, boolean pushed, boolean signed) {

        static Origin sent(Form parameters) {
            return new Origin(parameters, null, false, false);
        }
    }

    /**
     * At the authorization endpoint: the request as sent, as its request object says (RFC 9101), or as it was pushed
     * (RFC 9126). A request object, once verified, is kept like a pushed request, and the pages carry its handle.
     */
    public Validated validate(Form parameters, String issuer) {
        var requestUri = parameters.value("request_uri").filter(PushedRequests::isPushed);
        if (requestUri.isPresent()) {
            return storedRequest(parameters, requestUri.get());
        }
        if (RequestObjects.carriesObject(parameters)) {
            return requestObject(parameters, issuer);
        }
        return validate(parameters, Origin.sent(parameters));
    }

    /** At each page after the authorization endpoint: the request it carries, never a request object of its own. */
    public Validated validateCarried(Form parameters) {
        var requestUri = parameters.value("request_uri").filter(PushedRequests::isPushed);
        if (requestUri.isPresent()) {
            return storedRequest(parameters, requestUri.get());
        }
        if (RequestObjects.carriesObject(parameters)) {
            return showError(INVALID_REQUEST, "request objects are read at the authorization endpoint only");
        }
        return validate(parameters, Origin.sent(parameters));
    }

    /**
     * At {@code connect/par} (RFC 9126 §2.1): the request about to be pushed, its request object already unwrapped
     * ({@code signed}: it had one), checked as the authorization endpoint checks it.
     */
    public Validated validateToPush(Form parameters, boolean signed) {
        return validate(parameters, new Origin(parameters, null, true, signed));
    }

    private Validated validate(Form parameters, Origin origin) {
        return redirectable(parameters).fold(target -> complete(parameters, target, origin),
                error -> new Validated.Invalid(new AuthorizeStep.ShowError(error)));
    }

    /**
     * RFC 9101 §6: the client, named outside the object, says whose keys verify it; the verified object is then the
     * request, kept for its sign-in. An object that cannot be read is answered by {@link #refused}.
     */
    private Validated requestObject(Form parameters, String issuer) {
        var repeated = repeated(parameters, "client_id", "request", "request_uri");
        if (repeated.isPresent()) {
            return new Validated.Invalid(new AuthorizeStep.ShowError(repeated.get()));
        }
        return client(parameters).fold(client -> requestObjects.unwrap(client, parameters, issuer, false).fold(unwrapped -> {
            var validated = validate(unwrapped.parameters(), new Origin(unwrapped.parameters(), null, false, unwrapped.signed()));
            if (!(validated instanceof Validated.Valid valid)) {
                return validated;
            }
            var kept = pushed.push(client, new StoredRequest(unwrapped.parameters(), false, unwrapped.signed()));
            var carried = new Form(Map.of()).with("client_id", client.clientId()).with("request_uri", kept.requestUri());
            return new Validated.Valid(valid.request().keptAs(carried, kept.requestUri()));
        }, error -> refused(parameters, error)), error -> new Validated.Invalid(new AuthorizeStep.ShowError(error)));
    }

    /**
     * A request whose object cannot be used: the error goes to the redirect URI the request names, if it is registered
     * (read unverified from the object when it holds one, with {@code state} and {@code response_mode}, since the client
     * expects its answer there: OIDC Core §6.3.3), else to the error page. Reading them unverified is safe: a plain
     * request can have an error sent to any registered redirect URI anyway.
     */
    private Validated refused(Form parameters, OAuthError error) {
        var view = unverified(parameters);
        return redirectable(view).fold(target -> new Validated.Invalid(new AuthorizeStep.Respond(redirection(target, view),
                errorParameters(error))), unsafe -> new Validated.Invalid(new AuthorizeStep.ShowError(error)));
    }

    private static Form unverified(Form parameters) {
        var object = parameters.value("request").filter(jwt -> jwt.length() <= RequestObjects.MAX_LENGTH);
        if (object.isEmpty()) {
            return parameters;
        }
        try {
            var jwt = JWTParser.parse(object.get());
            if (jwt instanceof EncryptedJWT) {
                return parameters;
            }
            var claims = jwt.getJWTClaimsSet();
            var view = parameters;
            for (String name : List.of("redirect_uri", "state", "response_mode", "response_type")) {
                if (claims.getClaim(name) instanceof String value) {
                    view = view.with(name, value);
                }
            }
            return view;
        } catch (ParseException notAJwt) {
            return parameters;
        }
    }

    /**
     * RFC 9126 §4: {@code client_id} and {@code request_uri} name a kept request (pushed, or a verified request object),
     * which is the request: whatever else the browser sends is ignored, except {@code suppressed_prompt=login}, which the
     * login page adds after a sign-in (as Duende does), so that a kept {@code prompt=login} does not ask again. An
     * unknown, expired, used or another client's {@code request_uri} is an error page: nothing trustworthy says where
     * to redirect.
     */
    private Validated storedRequest(Form parameters, String requestUri) {
        var repeated = repeated(parameters, "client_id", "request_uri");
        if (repeated.isPresent()) {
            return new Validated.Invalid(new AuthorizeStep.ShowError(repeated.get()));
        }
        var clientId = parameters.value("client_id");
        if (clientId.isEmpty()) {
            return showError(INVALID_REQUEST, "client_id is missing");
        }
        var stored = pushed.find(clientId.get(), requestUri)
                .filter(request -> !request.pushed() || features.isOn(Feature.PUSHED_AUTHORIZATION));
        if (stored.isEmpty()) {
            return showError(INVALID_REQUEST_URI, "the request_uri is unknown, expired, already used or another client's");
        }
        boolean signedIn = parameters.value(SUPPRESSED_PROMPT).filter("login"::equals).isPresent();
        var carried = new Form(Map.of()).with("client_id", clientId.get()).with("request_uri", requestUri);
        var request = signedIn ? LoginInteraction.afterSignIn(stored.get().parameters()) : stored.get().parameters();
        return validate(request, new Origin(signedIn ? carried.with(SUPPRESSED_PROMPT, "login") : carried, requestUri,
                stored.get().pushed(), stored.get().signed()));
    }

    /** The error for the first of {@code names} given more than once, checked before anything trusts its value. */
    private static Optional<OAuthError> repeated(Form parameters, String... names) {
        for (String name : names) {
            if (parameters.parameters().getOrDefault(name, List.of()).size() > 1) {
                return Optional.of(new OAuthError(INVALID_REQUEST, name + " is given more than once"));
            }
        }
        return Optional.empty();
    }

    private static Validated showError(ErrorCode code, String description) {
        return new Validated.Invalid(new AuthorizeStep.ShowError(new OAuthError(code, description)));
    }

    /** Client and redirect URI: until both are known good, nothing may redirect (RFC 6749 §4.1.2.1). */
    private Outcome<Target> redirectable(Form parameters) {
        var repeated = repeated(parameters, "client_id", "redirect_uri");
        if (repeated.isPresent()) {
            return Outcome.failure(repeated.get());
        }
        return client(parameters).then(client -> {
            var redirectUri = parameters.value("redirect_uri");
            if (redirectUri.isEmpty()) { // OIDC Core §3.1.2.1: REQUIRED
                return Outcome.failure(new OAuthError(INVALID_REQUEST, "redirect_uri is missing"));
            }
            // Exact string comparison (RFC 9700 §4.1.3): no prefix, case or normalization games.
            if (!client.authorize().redirectUris().contains(redirectUri.get())) {
                return Outcome.failure(new OAuthError(INVALID_REQUEST, "redirect_uri is not registered for this client"));
            }
            return Outcome.success(new Target(client, redirectUri.get()));
        });
    }

    private Outcome<Client> client(Form parameters) {
        var clientId = parameters.value("client_id");
        if (clientId.isEmpty()) {
            return Outcome.failure(new OAuthError(INVALID_REQUEST, "client_id is missing"));
        }
        var client = clients.find(clientId.get()).filter(Client::enabled);
        if (client.isEmpty() || !client.get().protocolType().equals("oidc")) {
            return Outcome.failure(new OAuthError(UNAUTHORIZED_CLIENT, "unknown or disabled client"));
        }
        return Outcome.success(client.get());
    }

    private record Target(Client client, String redirectUri) {
    }

    /** The rest; errors from here on go to the redirect URI (§4.1.2.1), with {@code state}. */
    private Validated complete(Form parameters, Target target, Origin origin) {
        var client = target.client();
        var redirection = redirection(target, parameters);
        return parameters.checked(PARAMETERS)
                .then(checked -> supported(client, checked, origin))
                .then(checked -> responseTypes(client, checked, redirection))
                .then(types -> request(client, types, parameters, redirection, origin))
                .fold(Validated.Valid::new, error -> new Validated.Invalid(
                        new AuthorizeStep.Respond(redirection, errorParameters(error))));
    }

    /**
     * How the answer travels: the requested mode if Gatehouse offers it, else the response type's default (Multiple
     * Response Types §2.1), for errors too; JARM's {@code jwt} resolved to that default's JWT form (JARM §2.3.4).
     */
    private Redirection redirection(Target target, Form parameters) {
        // An over-long state is not echoed: it would make the redirect's Location header unbounded.
        String state = parameters.value("state").filter(v -> v.length() <= PARAMETERS.maxLength("state")).orElse(null);
        var responseType = parameters.value("response_type").map(AuthorizeRequestValidator::normalized);
        var byDefault = responseType.filter("code"::equals).isPresent() || responseType.isEmpty()
                ? ResponseMode.QUERY : ResponseMode.FRAGMENT;
        var mode = responseMode(parameters).map(requested -> requested.resolved(byDefault)).orElse(byDefault);
        return new Redirection(target.redirectUri(), mode, state, target.client().clientId());
    }

    /** The requested response mode, if Gatehouse offers it (the JWT modes with JARM on). */
    private Optional<ResponseMode> responseMode(Form parameters) {
        return parameters.value("response_mode").flatMap(ResponseMode::of)
                .filter(mode -> !mode.isJwt() || features.isOn(Feature.JARM));
    }

    /** Parameters Gatehouse does not support, and what the client requires of how its requests arrive. */
    private Outcome<Form> supported(Client client, Form parameters, Origin origin) {
        if (parameters.value("registration").isPresent()) {
            return Outcome.failure(new OAuthError(REGISTRATION_NOT_SUPPORTED, "the registration parameter is not supported"));
        }
        if (client.authorize().requireRequestObject() && !origin.signed()) {
            return Outcome.failure(new OAuthError(INVALID_REQUEST,
                    "the client must send its authorization requests as signed request objects (RFC 9101)"));
        }
        if ((client.authorize().requirePushedAuthorization() || pushedOptions.required()) && !origin.pushed()) {
            return Outcome.failure(new OAuthError(INVALID_REQUEST, "the client must push its authorization requests to "
                    + Endpoints.PUSHED_AUTHORIZATION + " (RFC 9126) and send their request_uri here"));
        }
        return Outcome.success(parameters);
    }

    /** {@code response_type} and {@code response_mode}: supported, allowed for the client, and safe together. */
    private Outcome<Set<String>> responseTypes(Client client, Form parameters, Redirection redirection) {
        var responseType = parameters.value("response_type").map(AuthorizeRequestValidator::normalized);
        if (responseType.isEmpty()) {
            return Outcome.failure(new OAuthError(INVALID_REQUEST, "response_type is missing"));
        }
        String grantType = RESPONSE_TYPES.get(responseType.get());
        if (grantType == null) {
            return Outcome.failure(new OAuthError(UNSUPPORTED_RESPONSE_TYPE,
                    "response_type " + responseType.get() + " is not supported"));
        }
        if (!client.allowsGrantType(grantType)) {
            return Outcome.failure(new OAuthError(UNAUTHORIZED_CLIENT, "the client may not use response_type " + responseType.get()));
        }
        var types = Set.of(responseType.get().split(" "));
        if (types.contains(AuthorizeRequest.TOKEN) && !client.authorize().allowAccessTokensViaBrowser()) {
            return Outcome.failure(new OAuthError(UNAUTHORIZED_CLIENT, "the client may not receive access tokens through the browser"));
        }
        if (client.dpop().requireDPoP() && types.contains(AuthorizeRequest.TOKEN)) {
            // RFC 9449 binds access tokens at the token endpoint only, where the proof is: one issued here would be a
            // bearer token. Codes are fine: the token endpoint redeems them only with a proof.
            return Outcome.failure(new OAuthError(UNAUTHORIZED_CLIENT,
                    "the client requires DPoP: its access tokens come from the token endpoint, with a DPoP proof"));
        }
        if (parameters.value("response_mode").isPresent() && responseMode(parameters).isEmpty()) {
            return Outcome.failure(new OAuthError(INVALID_REQUEST, "response_mode is not supported"));
        }
        if (redirection.mode().transport() == ResponseMode.QUERY && !types.equals(Set.of(AuthorizeRequest.CODE))) {
            // Multiple Response Types §3, §5: tokens must not travel in the query string; JARM §2.3.1: nor in a
            // query.jwt response unless it is encrypted, and Gatehouse refuses it even then (a query string is logged).
            return Outcome.failure(new OAuthError(INVALID_REQUEST,
                    "response_mode " + redirection.mode().wire() + " is not allowed for response_type " + responseType.get()));
        }
        return Outcome.success(types);
    }

    /** Scopes, nonce, PKCE, prompt and max_age, and the scopes and APIs the client may be granted. */
    private Outcome<AuthorizeRequest> request(Client client, Set<String> types, Form parameters, Redirection redirection,
            Origin origin) {
        var scope = parameters.value("scope");
        if (scope.isEmpty() || !ScopeToken.isScope(scope.get())) {
            return Outcome.failure(new OAuthError(INVALID_SCOPE, scope.isEmpty() ? "scope is missing" : "malformed scope parameter"));
        }
        var scopes = List.copyOf(new LinkedHashSet<>(Arrays.asList(scope.get().split(" "))));
        boolean openId = scopes.contains(StandardIdentityResources.OPENID);
        if (types.contains(AuthorizeRequest.ID_TOKEN) && !openId) {
            return Outcome.failure(new OAuthError(INVALID_SCOPE, "response_type id_token needs the openid scope"));
        }
        var nonce = parameters.value("nonce").orElse(null);
        if (nonce == null && types.contains(AuthorizeRequest.ID_TOKEN)) {
            // OIDC Core §3.2.2.1, and §3.3.2.1 as errata set 2 words it: REQUIRED when the authorization endpoint
            // returns an ID token; for code token, whose ID token comes from the token endpoint, OPTIONAL.
            return Outcome.failure(new OAuthError(INVALID_REQUEST, "nonce is required for response_type "
                    + parameters.value("response_type").map(AuthorizeRequestValidator::normalized).orElseThrow()));
        }
        var resources = parameters.values("resource");
        // OIDC Core §5.5 is OpenID Connect's: a plain OAuth request's claims parameter means nothing.
        var claims = openId ? parameters.value("claims") : Optional.<String>empty();
        return pkce(client, types, parameters).then(challenge -> dpopJkt(types, parameters).then(dpopJkt ->
                prompting(parameters).then(prompting -> claimsRequests.read(client, scopes, claims).then(claimsRequest ->
                this.scopes.forUser(client, scopes, resources).map(requested -> new AuthorizeRequest(client, redirection,
                        types, requested, nonce, challenge.challenge(), challenge.method(), prompting.prompt(),
                        prompting.maxAge(), parameters.value("login_hint").orElse(null), resources, claimsRequest,
                        dpopJkt.orElse(null), parameters, origin.carried(), origin.requestUri()))))));
    }

    /** {@code prompt} and {@code max_age} (OIDC Core §3.1.2.1); {@code maxAge} null when absent. */
    private record Prompting(Set<String> prompt, Integer maxAge) {
    }

    private static Outcome<Prompting> prompting(Form parameters) {
        var prompt = new TreeSet<String>();
        parameters.value("prompt").ifPresent(p -> prompt.addAll(Arrays.asList(p.trim().split(" +"))));
        if (!PROMPTS.containsAll(prompt)) {
            return Outcome.failure(new OAuthError(INVALID_REQUEST, "prompt may hold only none, login, consent and select_account"));
        }
        if (prompt.contains("none") && prompt.size() > 1) { // OIDC Core §3.1.2.1
            return Outcome.failure(new OAuthError(INVALID_REQUEST, "prompt=none cannot be combined with other values"));
        }
        var maxAge = parameters.value("max_age");
        if (maxAge.isEmpty()) {
            return Outcome.success(new Prompting(Set.copyOf(prompt), null));
        }
        try {
            int seconds = Integer.parseInt(maxAge.get());
            if (seconds >= 0) {
                return Outcome.success(new Prompting(Set.copyOf(prompt), seconds));
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        return Outcome.failure(new OAuthError(INVALID_REQUEST, "max_age must be a non-negative number of seconds"));
    }

    /**
     * RFC 9449 §10: the thumbprint of the key the code will be redeemed with. It binds the code only: without the
     * DPoP feature, or without a code, it means nothing and is left alone, as a server without DPoP would.
     */
    private Outcome<Optional<String>> dpopJkt(Set<String> types, Form parameters) {
        var jkt = parameters.value("dpop_jkt");
        if (jkt.isEmpty() || !types.contains(AuthorizeRequest.CODE) || !features.isOn(Feature.DPOP)) {
            return Outcome.success(Optional.empty());
        }
        return JWK_THUMBPRINT.matcher(jkt.get()).matches()
                ? Outcome.success(jkt)
                : Outcome.failure(new OAuthError(INVALID_REQUEST, "dpop_jkt must be a JWK SHA-256 thumbprint (43 base64url characters)"));
    }

    /** A PKCE code challenge and its method; both null without PKCE. */
    private record Pkce(String challenge, String method) {
        static final Pkce NONE = new Pkce(null, null);
    }

    /** RFC 7636 §4.3-4.4: the challenge and its method (plain when absent), or why they are refused. */
    private static Outcome<Pkce> pkce(Client client, Set<String> types, Form parameters) {
        var challenge = parameters.value("code_challenge");
        if (!types.contains(AuthorizeRequest.CODE)) {
            return Outcome.success(Pkce.NONE);
        }
        if (challenge.isEmpty()) {
            return client.authorize().requirePkce()
                    ? Outcome.failure(new OAuthError(INVALID_REQUEST, "code_challenge is required (RFC 7636)"))
                    : Outcome.success(Pkce.NONE);
        }
        if (!CODE_CHALLENGE.matcher(challenge.get()).matches()) {
            return Outcome.failure(new OAuthError(INVALID_REQUEST, "code_challenge must be 43 to 128 unreserved characters"));
        }
        String method = parameters.value("code_challenge_method").orElse("plain");
        if (!method.equals("S256") && !method.equals("plain")) {
            return Outcome.failure(new OAuthError(INVALID_REQUEST, "code_challenge_method must be S256 or plain"));
        }
        if (method.equals("plain") && !client.authorize().allowPlainTextPkce()) {
            return Outcome.failure(new OAuthError(INVALID_REQUEST, "the client must use code_challenge_method S256"));
        }
        return Outcome.success(new Pkce(challenge.get(), method));
    }

    /** {@code response_type} values are a set (Multiple Response Types §2): order does not matter. */
    private static String normalized(String responseType) {
        var values = new TreeSet<>(Arrays.asList(responseType.trim().split(" +")));
        var ordered = new ArrayList<String>();
        for (String known : List.of("code", "id_token", "token")) {
            if (values.remove(known)) {
                ordered.add(known);
            }
        }
        ordered.addAll(values);
        return String.join(" ", ordered);
    }

    /** An error response's parameters (RFC 6749 §4.1.2.1), without {@code state}. */
    public static Map<String, String> errorParameters(OAuthError error) {
        var parameters = new LinkedHashMap<String, String>();
        parameters.put("error", error.code());
        if (error.description() != null) {
            parameters.put("error_description", error.description());
        }
        return parameters;
    }
}
