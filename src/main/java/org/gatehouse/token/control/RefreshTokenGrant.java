package org.gatehouse.token.control;

import static org.gatehouse.protocol.entity.ErrorCode.INVALID_GRANT;
import static org.gatehouse.protocol.entity.ErrorCode.INVALID_REQUEST;
import static org.gatehouse.protocol.entity.ErrorCode.INVALID_SCOPE;
import static org.gatehouse.protocol.entity.ErrorCode.UNAUTHORIZED_CLIENT;
import static org.gatehouse.protocol.entity.Parameters.single;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.gatehouse.claims.control.IdentityClaims;
import org.gatehouse.clients.entity.AuthenticatedClient;
import org.gatehouse.clients.entity.RefreshTokenExpiration;
import org.gatehouse.clients.entity.RefreshTokenUsage;
import org.gatehouse.grants.control.GrantStore;
import org.gatehouse.issuance.control.FamilyRevocation;
import org.gatehouse.issuance.control.RefreshTokens;
import org.gatehouse.issuance.control.UserTokens;
import org.gatehouse.issuance.entity.RefreshToken;
import org.gatehouse.issuance.entity.UserTokenRequest;
import org.gatehouse.logout.control.SessionEnd;
import org.gatehouse.protocol.entity.Form;
import org.gatehouse.protocol.entity.GrantTypes;
import org.gatehouse.protocol.entity.OAuthError;
import org.gatehouse.protocol.entity.Outcome;
import org.gatehouse.protocol.entity.Parameters;
import org.gatehouse.protocol.entity.ScopeToken;
import org.gatehouse.resources.control.ResourceStore;
import org.gatehouse.resources.control.ScopeValidator;
import org.gatehouse.resources.entity.GrantedResources;
import org.gatehouse.sessions.control.SessionStore;
import org.gatehouse.token.control.RefreshTokenGrant.Request;
import org.gatehouse.token.entity.TokenResponse;

/**
 * The refresh token grant (RFC 6749 §6). A {@code OneTimeOnly} token is consumed atomically and replaced;
 * presenting a used one — a replay, or the loser of two concurrent refreshes — revokes the whole family
 * (RFC 9700 §4.14.2: refresh token rotation detects theft). {@code ReUse} tokens stay, sliding ones are
 * extended.
 */
@ApplicationScoped
public class RefreshTokenGrant implements GrantHandler<Request> {

    private static final String REPLAYED = "the refresh token was already used; its grant is revoked";

    /**
     * §6: the refresh token, the scope asked for (empty: all that were granted), and the RFC 8707 resources the access
     * token is for (empty: every API left).
     */
    public record Request(String refreshToken, Optional<String> scope, List<String> resources) {
    }

    @Inject
    RefreshTokens refreshTokens;

    @Inject
    GrantStore grants;

    @Inject
    FamilyRevocation families;

    @Inject
    SessionStore sessions;

    @Inject
    SessionEnd sessionEnd;

    @Inject
    UserTokens tokens;

    @Inject
    IdentityClaims identityClaims;

    @Inject
    ResourceStore resources;

    @Inject
    ScopeValidator scopeValidator;

    @Override
    public String grantType() {
        return GrantTypes.REFRESH_TOKEN;
    }

    @Override
    public Parameters parameters() {
        return Parameters.of(single("refresh_token", 100), single("scope", 2000));
    }

    @Override
    public Outcome<AuthenticatedClient> permit(AuthenticatedClient client) {
        if (!client.client().allowOfflineAccess()) { // Duende: AllowOfflineAccess is what allows refresh_token
            return Outcome.failure(new OAuthError(UNAUTHORIZED_CLIENT, "the client may not use refresh tokens"));
        }
        return Outcome.success(client);
    }

    @Override
    public Outcome<Request> read(Form form) {
        return form.value("refresh_token")
                .map(token -> Outcome.success(new Request(token, form.value("scope"), form.values("resource"))))
                .orElseGet(() -> Outcome.failure(new OAuthError(INVALID_REQUEST, "refresh_token is missing")));
    }

    @Override
    public Outcome<TokenResponse> handle(AuthenticatedClient authenticated, Request request, String issuer) {
        var client = authenticated.client();
        var grant = refreshTokens.find(request.refreshToken());
        if (grant.isEmpty()) {
            return Outcome.failure(new OAuthError(INVALID_GRANT, "the refresh token is invalid, expired or revoked"));
        }
        if (!grant.get().clientId().equals(client.clientId())) { // §6: bound to the client it was issued to
            return Outcome.failure(new OAuthError(INVALID_GRANT, "the refresh token was issued to another client"));
        }
        if (grant.get().isConsumed()) {
            families.revoke(client, grant.get().familyId());
            return Outcome.failure(new OAuthError(INVALID_GRANT, REPLAYED));
        }
        // CoordinateLifetimeWithUserSession: the token ends with the session it was issued in, also when the session
        // expired rather than ended by a logout (which revokes it).
        if (sessionEnd.coordinatesLifetime(client) && grant.get().sessionId() != null
                && sessions.findById(grant.get().sessionId()).isEmpty()) {
            families.revoke(client, grant.get().familyId());
            return Outcome.failure(new OAuthError(INVALID_GRANT, "the user's session has ended"));
        }
        var token = RefreshTokens.read(grant.get());
        // RFC 9449 §5, RFC 8705 §4: a public client's bound token is refreshed only with a proof of its keys (no family
        // revocation: whoever lacks them has not shown that the token leaked from its owner).
        if (token.confirmation() != null && !token.confirmation().isHeldBy(authenticated.confirmation())) {
            return Outcome.failure(new OAuthError(INVALID_GRANT, "the refresh token is bound to a "
                    + (token.confirmation().jkt() != null ? "DPoP key" : "TLS client certificate") + " this request does not prove"));
        }
        return downScoped(token, request.scope())
                // The client as configured now: a scope since taken from it, or disabled, is no longer granted.
                .then(narrowed -> scopeValidator.forUser(client, narrowed, List.of()).fold(allowed -> Outcome.success(narrowed),
                        error -> Outcome.<List<String>>failure(new OAuthError(INVALID_GRANT,
                                "the grant is no longer allowed: " + error.description()))))
                .then(scopes -> {
                    // An API none of whose scopes is left drops out of the audience.
                    var audiences = token.audiences().stream().filter(api -> resources.resources().apiResource(api)
                            .map(resource -> resource.scopes().stream().anyMatch(scopes::contains)).orElse(false)).toList();
                    // RFC 8707 §2.2: resources narrow the access token further; the refresh token keeps its grant.
                    return scopeValidator.narrowedTo(new GrantedResources(scopes, audiences, token.signingAlgorithms()),
                            request.resources());
                })
                .then(granted -> refresh(authenticated, request.refreshToken(), token, granted, issuer));
    }

    private Outcome<TokenResponse> refresh(AuthenticatedClient authenticated, String handle, RefreshToken token,
            GrantedResources granted, String issuer) {
        var client = authenticated.client();
        var narrowed = granted.scopes();
        var audiences = granted.audiences();

        String next = handle;
        if (client.tokens().refreshTokenUsage() == RefreshTokenUsage.ONE_TIME_ONLY) {
            if (!grants.consume(handle)) {
                families.revoke(client, token.familyId());
                return Outcome.failure(new OAuthError(INVALID_GRANT, REPLAYED));
            }
            next = refreshTokens.issue(client, token);
            // A replay racing this refresh deletes the family; if it did before the successor was stored,
            // the successor escaped it: revoke it too, so that two presentations never both win.
            if (!grants.exists(handle)) {
                families.revoke(client, token.familyId());
                return Outcome.failure(new OAuthError(INVALID_GRANT, REPLAYED));
            }
        } else if (client.tokens().refreshTokenExpiration() == RefreshTokenExpiration.SLIDING
                && !grants.extend(handle, refreshTokens.expiry(client, token))) {
            return Outcome.failure(new OAuthError(INVALID_GRANT, "the refresh token is invalid, expired or revoked"));
        }
        boolean update = client.tokens().updateAccessTokenClaimsOnRefresh();
        boolean idClaims = client.tokens().alwaysIncludeUserClaimsInIdToken();
        // The stored claims, or the profile's now when the client UpdateAccessTokenClaimsOnRefresh; either way only
        // those the scopes and APIs left after down-scoping ask for (§6: no more than the narrowed grant).
        var fresh = update || idClaims || !token.claims().idToken().isEmpty()
                ? identityClaims.forTokens(token.user().subjectId(), narrowed, audiences, idClaims, token.claims().idToken())
                : IdentityClaims.TokenClaims.NONE;
        var api = update ? fresh.api() : identityClaims.onlyForApis(token.accessTokenClaims(), narrowed, audiences);
        var claims = new IdentityClaims.TokenClaims(api, fresh.identity());
        String refreshToken = next;
        return tokens.issue(UserTokenRequest.both(issuer, client, token.user(), granted, claims, token.familyId())
                        .withRequested(token.claims()).withConfirmation(authenticated.confirmation()))
                .then(issued -> Outcome.success(new TokenResponse(issued.accessToken(), authenticated.tokenType(),
                        client.tokens().accessTokenLifetime(), granted.scope(), refreshToken, issued.idToken())));
    }

    /** §6: the requested scope must not include any scope not originally granted; absent, it is all of them. */
    private static Outcome<List<String>> downScoped(RefreshToken token, Optional<String> scope) {
        if (scope.isEmpty()) {
            return Outcome.success(token.scopes());
        }
        if (!ScopeToken.isScope(scope.get())) {
            return Outcome.failure(new OAuthError(INVALID_SCOPE, "malformed scope parameter"));
        }
        var requested = List.copyOf(new LinkedHashSet<>(Arrays.asList(scope.get().split(" "))));
        if (!token.scopes().containsAll(requested)) {
            return Outcome.failure(new OAuthError(INVALID_SCOPE, "a refresh cannot add scopes that were not granted"));
        }
        return Outcome.success(requested);
    }
}
