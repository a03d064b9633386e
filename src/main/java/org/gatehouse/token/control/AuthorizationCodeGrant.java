package org.gatehouse.token.control;

import static org.gatehouse.protocol.entity.ErrorCode.INVALID_GRANT;
import static org.gatehouse.protocol.entity.ErrorCode.INVALID_REQUEST;
import static org.gatehouse.protocol.entity.ErrorCode.UNAUTHORIZED_CLIENT;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Pattern;
import org.gatehouse.claims.control.IdentityClaims;
import org.gatehouse.clients.entity.AuthenticatedClient;
import org.gatehouse.grants.control.GrantStore;
import org.gatehouse.protocol.entity.Form;
import org.gatehouse.protocol.entity.GrantTypes;
import org.gatehouse.protocol.entity.OAuthError;
import org.gatehouse.protocol.entity.Outcome;
import org.gatehouse.resources.entity.GrantedResources;
import org.gatehouse.resources.entity.StandardIdentityResources;
import org.gatehouse.token.entity.AuthorizationCode;
import org.gatehouse.token.entity.TokenResponse;

/**
 * The authorization code grant's token request (RFC 6749 §4.1.3): the code is used once, by the client it
 * was issued to, with the same redirect URI and the PKCE verifier of its challenge (RFC 7636 §4.6).
 */
@ApplicationScoped
public class AuthorizationCodeGrant {

    /** RFC 7636 §4.1: code-verifier = 43*128unreserved. */
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9\\-._~]{43,128}");

    @Inject
    AuthorizationCodes codes;

    @Inject
    GrantStore grants;

    @Inject
    UserTokens tokens;

    @Inject
    RefreshTokens refreshTokens;

    @Inject
    IdentityClaims identityClaims;


    public Outcome<TokenResponse> handle(AuthenticatedClient authenticated, Form form, String issuer) {
        var client = authenticated.client();
        if (!client.allowsGrantType(GrantTypes.AUTHORIZATION_CODE) && !client.allowsGrantType(GrantTypes.HYBRID)) {
            return Outcome.failure(new OAuthError(UNAUTHORIZED_CLIENT, "the client may not use the authorization_code grant"));
        }
        var handle = form.value("code");
        if (handle.isEmpty()) {
            return Outcome.failure(new OAuthError(INVALID_REQUEST, "code is missing"));
        }
        var grant = codes.find(handle.get());
        if (grant.isEmpty()) {
            return Outcome.failure(new OAuthError(INVALID_GRANT, "the code is invalid or expired"));
        }
        if (!grants.consume(handle.get())) {
            // RFC 6749 §4.1.2: a code used twice is denied, and what it issued revoked.
            grants.removeFamily(grant.get().familyId());
            return Outcome.failure(new OAuthError(INVALID_GRANT, "the code was already used; its tokens are revoked"));
        }
        var code = AuthorizationCodes.read(grant.get());
        if (!code.clientId().equals(client.clientId())) {
            return Outcome.failure(new OAuthError(INVALID_GRANT, "the code was issued to another client"));
        }
        if (!form.value("redirect_uri").filter(code.redirectUri()::equals).isPresent()) { // §4.1.3
            return Outcome.failure(new OAuthError(INVALID_GRANT, "redirect_uri does not match the authorization request"));
        }
        var pkce = verifyPkce(code, form);
        if (pkce != null) {
            return Outcome.failure(pkce);
        }
        var granted = new GrantedResources(code.scopes(), code.audiences(), code.signingAlgorithms());
        var claims = identityClaims.forTokens(code.user().subjectId(), code.scopes(), code.audiences(),
                client.tokens().alwaysIncludeUserClaimsInIdToken());
        var apiClaims = claims.api();
        return tokens.issue(issuer, client, code.user(), granted, apiClaims, claims.identity(), code.nonce(), null,
                code.familyId(), true, true).then(issued -> {
                    String refreshToken = null;
                    if (code.scopes().contains(StandardIdentityResources.OFFLINE_ACCESS) && client.allowOfflineAccess()) {
                        refreshToken = refreshTokens.issue(client, refreshTokens.first(client, code.user(), code.scopes(),
                                code.audiences(), code.signingAlgorithms(), apiClaims, code.familyId()));
                    }
                    // A replay racing this exchange deletes the family, the code with it; if it did, what was just
                    // issued was not in the family yet: revoke it too.
                    if (!grants.exists(handle.get())) {
                        grants.removeFamily(code.familyId());
                        return Outcome.failure(new OAuthError(INVALID_GRANT, "the code was already used; its tokens are revoked"));
                    }
                    return Outcome.success(new TokenResponse(issued.accessToken(), "Bearer",
                            client.tokens().accessTokenLifetime(), granted.scope(), refreshToken, issued.idToken()));
                });
    }

    /** RFC 7636 §4.6, and RFC 9700 §2.1.1: a verifier without a challenge is refused too. */
    static OAuthError verifyPkce(AuthorizationCode code, Form form) {
        var verifier = form.value("code_verifier");
        if (code.codeChallenge() == null) {
            return verifier.isPresent() ? new OAuthError(INVALID_GRANT, "code_verifier given, but the request had no code_challenge") : null;
        }
        if (verifier.isEmpty()) {
            return new OAuthError(INVALID_GRANT, "code_verifier is missing");
        }
        if (!VERIFIER.matcher(verifier.get()).matches()) {
            return new OAuthError(INVALID_GRANT, "code_verifier must be 43 to 128 unreserved characters");
        }
        String derived = code.codeChallengeMethod().equals("S256") ? s256(verifier.get()) : verifier.get();
        return MessageDigest.isEqual(derived.getBytes(StandardCharsets.US_ASCII),
                code.codeChallenge().getBytes(StandardCharsets.US_ASCII))
                ? null : new OAuthError(INVALID_GRANT, "code_verifier does not match the code_challenge");
    }

    private static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
