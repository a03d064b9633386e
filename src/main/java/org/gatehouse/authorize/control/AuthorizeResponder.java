package org.gatehouse.authorize.control;

import static org.gatehouse.protocol.entity.ErrorCode.INVALID_REQUEST_URI;
import static org.gatehouse.protocol.entity.ErrorCode.INVALID_SCOPE;
import static org.gatehouse.protocol.entity.ErrorCode.SERVER_ERROR;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gatehouse.authorize.entity.AuthorizeRequest;
import org.gatehouse.authorize.entity.AuthorizeStep;
import org.gatehouse.claims.control.IdentityClaims;
import org.gatehouse.claims.entity.RequestedClaims;
import org.gatehouse.configuration.entity.Feature;
import org.gatehouse.configuration.entity.Features;
import org.gatehouse.grants.control.GrantStore;
import org.gatehouse.issuance.control.AuthorizationCodes;
import org.gatehouse.issuance.control.FamilyRevocation;
import org.gatehouse.issuance.control.UserTokens;
import org.gatehouse.issuance.entity.AuthorizationCode;
import org.gatehouse.issuance.entity.UserGrant;
import org.gatehouse.issuance.entity.UserTokenRequest;
import org.gatehouse.issuance.entity.UserTokenRequest.Token;
import org.gatehouse.par.control.PushedRequests;
import org.gatehouse.protocol.entity.ErrorCode;
import org.gatehouse.protocol.entity.OAuthError;
import org.gatehouse.protocol.entity.Outcome;
import org.gatehouse.resources.control.ScopeValidator;
import org.gatehouse.resources.entity.GrantedResources;
import org.gatehouse.sessions.control.SessionStates;
import org.gatehouse.sessions.control.SessionStore;
import org.gatehouse.sessions.entity.UserSession;

/**
 * The successful authorization response: a code (RFC 6749 §4.1.2) and, for the implicit and hybrid
 * flows, tokens (OIDC Core §3.2.2.5, §3.3.2.5), for the scopes the user granted.
 */
@ApplicationScoped
public class AuthorizeResponder {

    @Inject
    ScopeValidator scopeValidator;

    @Inject
    AuthorizationCodes codes;

    @Inject
    UserTokens tokens;

    @Inject
    IdentityClaims identityClaims;

    @Inject
    GrantStore grants;

    @Inject
    FamilyRevocation families;

    @Inject
    SessionStore sessions;

    @Inject
    Features features;

    @Inject
    PushedRequests pushed;

    /**
     * @param consented what the user granted of {@link AuthorizeRequest#consentScopes}: all of it, or less after
     *                  consent
     */
    public AuthorizeStep respond(AuthorizeRequest request, UserSession session, List<String> consented, String issuer) {
        var client = request.client();
        var scopes = consented.stream().filter(request.requested().scopes()::contains).toList();
        // A claim asked for by name goes out only if the user left its identity resource checked.
        var claims = request.claims().claims().within(identityClaims.identityClaimTypes(consented));
        // The APIs follow the scopes: a scope the user declined takes its API out of the tokens' audience.
        var granted = scopes.equals(request.requested().scopes()) ? Outcome.success(request.requested())
                : scopeValidator.forUser(client, scopes, request.resources());
        return granted.fold(resources -> respond(request, session, resources, claims, issuer),
                error -> error(request, INVALID_SCOPE, "the granted scopes are no longer valid"));
    }

    private AuthorizeStep respond(AuthorizeRequest request, UserSession session, GrantedResources granted,
            RequestedClaims claims, String issuer) {
        var client = request.client();
        // RFC 9126 §4: a pushed request answers once; a second answer would let its request_uri be replayed.
        if (request.requestUri() != null && !pushed.consume(request.requestUri())) {
            return new AuthorizeStep.ShowError(new OAuthError(INVALID_REQUEST_URI, "the request_uri was already used"));
        }
        var user = new UserGrant(session.subjectId(), session.sessionId(), session.authTime(), session.amr());
        sessions.signedInto(session, client.clientId()); // its logout will tell the client
        String family = GrantStore.newFamily();
        var parameters = new LinkedHashMap<String, String>();
        String code = null;
        if (request.returnsCode()) {
            code = codes.issue(client, new AuthorizationCode(client.clientId(), request.redirection().redirectUri(),
                    request.codeChallenge(), request.codeChallengeMethod(), request.nonce(), user, granted.scopes(),
                    granted.audiences(), granted.signingAlgorithms(), claims, family, request.dpopJkt()));
            parameters.put("code", code);
        }
        if (features.isOn(Feature.SESSION_MANAGEMENT)) {
            SessionStates.of(client.clientId(), request.redirection().redirectUri(), session.sessionId())
                    .ifPresent(state -> parameters.put("session_state", state));
        }
        if (!request.returnsAccessToken() && !request.returnsIdToken()) {
            return new AuthorizeStep.Respond(request.redirection(), parameters);
        }
        return frontChannelTokens(request, user, granted, claims, code, family, issuer).fold(tokens -> {
            parameters.putAll(tokens);
            return new AuthorizeStep.Respond(request.redirection(), parameters);
        }, error -> {
            families.revoke(request.client(), family); // the code issued above must not outlive the failed response
            return error(request, SERVER_ERROR, "no signing key has an algorithm the client accepts");
        });
    }

    private Outcome<Map<String, String>> frontChannelTokens(AuthorizeRequest request, UserGrant user, GrantedResources granted,
            RequestedClaims requested, String code, String family, String issuer) {
        var client = request.client();
        // OIDC Core §5.4: only response_type=id_token, which gives no access token for UserInfo, puts the claims in
        // the ID token (a hybrid flow's front-channel ID token stays lean; its code gets the access token).
        boolean claimsInIdToken = request.responseType().equals(Set.of(AuthorizeRequest.ID_TOKEN))
                || client.tokens().alwaysIncludeUserClaimsInIdToken();
        var claims = identityClaims.forTokens(user.subjectId(), granted.scopes(), granted.audiences(), claimsInIdToken,
                requested.idToken());
        var asked = EnumSet.noneOf(Token.class);
        if (request.returnsAccessToken()) {
            asked.add(Token.ACCESS_TOKEN);
        }
        if (request.returnsIdToken()) {
            asked.add(Token.ID_TOKEN);
        }
        var issuance = UserTokenRequest.both(issuer, client, user, granted, claims, family).only(asked)
                .withNonce(request.nonce()).withCode(code).withRequested(requested);
        return tokens.issue(issuance).map(pair -> {
            var parameters = new LinkedHashMap<String, String>();
            if (pair.accessToken() != null) {
                parameters.put("access_token", pair.accessToken());
                parameters.put("token_type", "Bearer");
                parameters.put("expires_in", Integer.toString(client.tokens().accessTokenLifetime()));
                parameters.put("scope", granted.scope());
            }
            if (pair.idToken() != null) {
                parameters.put("id_token", pair.idToken());
            }
            return parameters;
        });
    }

    /** An error to the client's redirect URI, with state (RFC 6749 §4.1.2.1). */
    public static AuthorizeStep error(AuthorizeRequest request, ErrorCode error, String description) {
        return new AuthorizeStep.Respond(request.redirection(), AuthorizeRequestValidator.errorParameters(
                new OAuthError(error, description)));
    }
}
