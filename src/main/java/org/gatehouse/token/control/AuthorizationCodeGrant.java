package org.gatehouse.token.control;

import static org.gatehouse.protocol.entity.ErrorCode.INVALID_GRANT;
import static org.gatehouse.protocol.entity.ErrorCode.INVALID_REQUEST;
import static org.gatehouse.protocol.entity.ErrorCode.UNAUTHORIZED_CLIENT;
import static org.gatehouse.protocol.entity.Parameters.single;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.gatehouse.claims.control.IdentityClaims;
import org.gatehouse.clients.entity.AuthenticatedClient;
import org.gatehouse.grants.control.GrantStore;
import org.gatehouse.issuance.control.AuthorizationCodes;
import org.gatehouse.issuance.control.FamilyRevocation;
import org.gatehouse.issuance.control.RefreshTokens;
import org.gatehouse.issuance.control.UserTokens;
import org.gatehouse.issuance.entity.AuthorizationCode;
import org.gatehouse.issuance.entity.UserTokenRequest;
import org.gatehouse.protocol.entity.Confirmation;
import org.gatehouse.protocol.entity.Form;
import org.gatehouse.protocol.entity.GrantTypes;
import org.gatehouse.protocol.entity.OAuthError;
import org.gatehouse.protocol.entity.Outcome;
import org.gatehouse.protocol.entity.Parameters;
import org.gatehouse.protocol.entity.Pkce;
import org.gatehouse.resources.control.ScopeValidator;
import org.gatehouse.resources.entity.GrantedResources;
import org.gatehouse.resources.entity.StandardIdentityResources;
import org.gatehouse.token.control.AuthorizationCodeGrant.Request;
import org.gatehouse.token.entity.TokenResponse;

/**
 * The authorization code grant's token request (RFC 6749 §4.1.3): the code is used once, by the client it
 * was issued to, with the same redirect URI and the PKCE verifier of its challenge (RFC 7636 §4.6).
 */
@ApplicationScoped
public class AuthorizationCodeGrant implements GrantHandler<Request> {

    private static final String REPLAYED = "the code was already used; its tokens are revoked";

    /**
     * §4.1.3: the code, the redirect URI of the authorization request, RFC 7636's verifier, and the RFC 8707
     * resources the access token is for (empty: every API granted).
     */
    public record Request(String code, Optional<String> redirectUri, Optional<String> codeVerifier, List<String> resources) {
    }

    @Inject
    AuthorizationCodes codes;

    @Inject
    GrantStore grants;

    @Inject
    FamilyRevocation families;

    @Inject
    UserTokens tokens;

    @Inject
    RefreshTokens refreshTokens;

    @Inject
    IdentityClaims identityClaims;

    @Inject
    ScopeValidator scopeValidator;

    @Override
    public String grantType() {
        return GrantTypes.AUTHORIZATION_CODE;
    }

    @Override
    public Parameters parameters() {
        return Parameters.of(single("code", 100), single("code_verifier", 128), single("redirect_uri", 2000));
    }

    @Override
    public Outcome<AuthenticatedClient> permit(AuthenticatedClient client) {
        if (!client.client().allowsGrantType(GrantTypes.AUTHORIZATION_CODE) && !client.client().allowsGrantType(GrantTypes.HYBRID)) {
            return Outcome.failure(new OAuthError(UNAUTHORIZED_CLIENT, "the client may not use the authorization_code grant"));
        }
        return Outcome.success(client);
    }

    @Override
    public Outcome<Request> read(Form form) {
        return form.value("code")
                .map(code -> Outcome.success(new Request(code, form.value("redirect_uri"), form.value("code_verifier"),
                        form.values("resource"))))
                .orElseGet(() -> Outcome.failure(new OAuthError(INVALID_REQUEST, "code is missing")));
    }

    @Override
    public Outcome<TokenResponse> handle(AuthenticatedClient authenticated, Request request, String issuer) {
        var client = authenticated.client();
        var grant = codes.find(request.code());
        if (grant.isEmpty()) {
            return Outcome.failure(new OAuthError(INVALID_GRANT, "the code is invalid or expired"));
        }
        // §4.1.3: the code must have been issued to this client. Checked before the code is used up, so that
        // another client (a public one needs no secret) cannot spend a code it intercepted, nor revoke what it issued.
        if (!grant.get().clientId().equals(client.clientId())) {
            return Outcome.failure(new OAuthError(INVALID_GRANT, "the code was issued to another client"));
        }
        var code = AuthorizationCodes.read(grant.get());
        // RFC 9449 §10: a code bound by dpop_jkt is redeemed only with a proof of that key; checked before it is used
        // up too, so that whoever stole it without the key cannot spend it.
        if (code.dpopJkt() != null && !authenticated.confirmation().map(Confirmation::jkt).orElse("").equals(code.dpopJkt())) {
            return Outcome.failure(new OAuthError(INVALID_GRANT, "the code is bound to a DPoP key (dpop_jkt) this request does not prove"));
        }
        if (!grants.consume(request.code())) {
            // RFC 6749 §4.1.2: a code used twice is denied, and what it issued revoked.
            families.revoke(client, grant.get().familyId());
            return Outcome.failure(new OAuthError(INVALID_GRANT, REPLAYED));
        }
        if (!request.redirectUri().filter(code.redirectUri()::equals).isPresent()) { // §4.1.3
            return Outcome.failure(new OAuthError(INVALID_GRANT, "redirect_uri does not match the authorization request"));
        }
        var grantedByCode = new GrantedResources(code.scopes(), code.audiences(), code.signingAlgorithms());
        return verifyPkce(code, request.codeVerifier()).then(verified -> scopeValidator.narrowedTo(grantedByCode,
                request.resources())).then(granted -> {
            // The access token is for what the resources narrowed the grant to (RFC 8707 §2.2); the refresh token keeps
            // the whole grant, so that the client can ask for another of its APIs later.
            var claims = identityClaims.forTokens(code.user().subjectId(), granted.scopes(), granted.audiences(),
                    client.tokens().alwaysIncludeUserClaimsInIdToken(), code.claims().idToken());
            var issuance = UserTokenRequest.both(issuer, client, code.user(), granted, claims, code.familyId())
                    .withNonce(code.nonce()).withRequested(code.claims()).withConfirmation(authenticated.confirmation());
            return tokens.issue(issuance).then(issued -> {
                String refreshToken = null;
                if (code.scopes().contains(StandardIdentityResources.OFFLINE_ACCESS) && client.allowOfflineAccess()) {
                    // RFC 9449 §5, RFC 8705 §4: a public client's refresh token is bound to its keys; a confidential one
                    // authenticates.
                    var binding = authenticated.isConfidential() ? Optional.<Confirmation>empty() : authenticated.confirmation();
                    var apiClaims = granted.equals(grantedByCode) ? claims.api() : identityClaims.forTokens(
                            code.user().subjectId(), code.scopes(), code.audiences(), false, code.claims().idToken()).api();
                    refreshToken = refreshTokens.issue(client, refreshTokens.first(client, code.user(), code.scopes(),
                            code.audiences(), code.signingAlgorithms(), apiClaims, code.claims(), code.familyId())
                            .boundTo(binding));
                }
                // A replay racing this exchange deletes the family, the code with it; if it did, what was just
                // issued was not in the family yet: revoke it too.
                if (!grants.exists(request.code())) {
                    families.revoke(client, code.familyId());
                    return Outcome.failure(new OAuthError(INVALID_GRANT, REPLAYED));
                }
                return Outcome.success(new TokenResponse(issued.accessToken(), authenticated.tokenType(),
                        client.tokens().accessTokenLifetime(), granted.scope(), refreshToken, issued.idToken()));
            });
        });
    }

    /** RFC 7636 §4.6, and RFC 9700 §2.1.1: a verifier without a challenge is refused too. */
    static Outcome<AuthorizationCode> verifyPkce(AuthorizationCode code, Optional<String> verifier) {
        if (code.codeChallenge() == null) {
            return verifier.isPresent()
                    ? Outcome.failure(new OAuthError(INVALID_GRANT, "code_verifier given, but the request had no code_challenge"))
                    : Outcome.success(code);
        }
        if (verifier.isEmpty()) {
            return Outcome.failure(new OAuthError(INVALID_GRANT, "code_verifier is missing"));
        }
        if (!Pkce.isWellFormed(verifier.get())) {
            return Outcome.failure(new OAuthError(INVALID_GRANT, "code_verifier must be 43 to 128 unreserved characters"));
        }
        return Pkce.verifies(verifier.get(), code.codeChallenge(), code.codeChallengeMethod())
                ? Outcome.success(code)
                : Outcome.failure(new OAuthError(INVALID_GRANT, "code_verifier does not match the code_challenge"));
    }
}
