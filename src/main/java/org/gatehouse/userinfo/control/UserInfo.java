package org.gatehouse.userinfo.control;

import static org.gatehouse.protocol.entity.ErrorCode.INSUFFICIENT_SCOPE;
import static org.gatehouse.protocol.entity.ErrorCode.INVALID_REQUEST;
import static org.gatehouse.protocol.entity.ErrorCode.INVALID_TOKEN;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import org.gatehouse.claims.control.IdentityClaims;
import org.gatehouse.claims.control.SubjectIdentifiers;
import org.gatehouse.clients.control.ClientStore;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.dpop.control.DPoPProofs;
import org.gatehouse.issuance.control.AccessTokenIssuer;
import org.gatehouse.issuance.control.TokenInspector;
import org.gatehouse.mtls.entity.ClientCertificate;
import org.gatehouse.protocol.entity.Confirmation;
import org.gatehouse.protocol.entity.ErrorCode;
import org.gatehouse.protocol.entity.OAuthError;
import org.gatehouse.resources.entity.StandardIdentityResources;
import org.gatehouse.userinfo.entity.UserInfoRequest;
import org.gatehouse.userinfo.entity.UserInfoResult;
import org.gatehouse.users.control.UserProfiles;

/**
 * The UserInfo response (OIDC Core §5.3): the claims of the identity scopes the access token was granted,
 * for the subject its client sees. The token comes in the {@code Authorization} header or the form body
 * (RFC 6750 §2.1-2.2), never both (§2), or — bound to a key — with the DPoP scheme and a proof (RFC 9449 §7).
 * Errors are RFC 6750 §3.1's and RFC 9449 §7.1's.
 */
@ApplicationScoped
public class UserInfo {

    @Inject
    TokenInspector inspector;

    @Inject
    ClientStore clients;

    @Inject
    UserProfiles profiles;

    @Inject
    IdentityClaims identityClaims;

    @Inject
    DPoPProofs proofs;

    public UserInfoResult answer(UserInfoRequest request) {
        if (request.presentations() > 1) {
            return refused(INVALID_REQUEST, "send the access token once: header or form");
        }
        return request.token().map(token -> claims(token, request)).orElseGet(UserInfoResult.Unauthenticated::new);
    }

    private UserInfoResult claims(String accessToken, UserInfoRequest request) {
        boolean dpopScheme = request.dpop().isPresent();
        var token = inspector.inspect(accessToken, request.issuer()).filter(t -> t.isAccessToken());
        if (token.isEmpty()) {
            return new UserInfoResult.Refused(new OAuthError(INVALID_TOKEN, "the access token is invalid, expired or revoked"),
                    dpopScheme);
        }
        var client = clients.find(token.get().clientId());
        var subject = (String) token.get().claims().get("sub");
        if (client.isEmpty() || subject == null) {
            return refused(INVALID_TOKEN, "the access token is not for a user of a known client");
        }
        var bound = Confirmation.of(token.get().claims());
        if (bound.map(Confirmation::jkt).isPresent() || dpopScheme) {
            var refusal = proofOfPossession(accessToken, bound, client.get(), request);
            if (refusal.isPresent()) {
                return new UserInfoResult.Refused(refusal.get(), true);
            }
        }
        // RFC 8705 §3: a certificate-bound token only from whoever presents that certificate, whatever the scheme.
        var certificate = bound.map(Confirmation::x5tS256);
        if (certificate.isPresent() && !certificate.equals(request.certificate().map(ClientCertificate::thumbprint))) {
            return new UserInfoResult.Refused(new OAuthError(INVALID_TOKEN,
                    "the access token is bound to a TLS client certificate this request did not present"), dpopScheme);
        }
        var scopes = scopes(token.get().claims().get("scope"));
        if (!scopes.contains(StandardIdentityResources.OPENID)) {
            return new UserInfoResult.Refused(new OAuthError(INSUFFICIENT_SCOPE, "the access token lacks the openid scope"),
                    dpopScheme);
        }
        var claims = new LinkedHashMap<String, Object>();
        claims.put("sub", SubjectIdentifiers.forClient(client.get(), subject));
        // A user of another IdentityStore (LDAP, …) has no profile here: the subject is all there is to say.
        var requested = names(token.get().claims().get(AccessTokenIssuer.USERINFO_CLAIMS)); // OIDC Core §5.5
        profiles.find(subject).ifPresent(profile -> claims.putAll(identityClaims.forUserInfo(profile, scopes, requested)));
        return new UserInfoResult.Claims(claims);
    }

    /**
     * RFC 9449 §7: a DPoP-bound token only with the DPoP scheme and a proof of its key for this request (§7.2: never
     * as a bearer token), and the DPoP scheme only for a bound token.
     */
    private Optional<OAuthError> proofOfPossession(String accessToken, Optional<Confirmation> bound, Client client,
            UserInfoRequest request) {
        if (bound.map(Confirmation::jkt).isEmpty()) {
            return Optional.of(new OAuthError(INVALID_TOKEN, "the access token is not DPoP-bound: send it as a Bearer token"));
        }
        if (request.dpop().isEmpty()) {
            return Optional.of(new OAuthError(INVALID_TOKEN,
                    "the access token is DPoP-bound: send it with the DPoP scheme and a DPoP proof"));
        }
        return proofs.forResourceRequest(client, request.dpopProofs(), request.method(), request.endpoint(), accessToken,
                bound.get()).fold(proved -> Optional.empty(), Optional::of);
    }

    private static UserInfoResult refused(ErrorCode error, String description) {
        return new UserInfoResult.Refused(new OAuthError(error, description));
    }

    private static List<String> names(Object list) {
        return list instanceof List<?> names ? names.stream().map(String::valueOf).toList() : List.of();
    }

    /** {@code scope}: a space-delimited string (RFC 9068), or Duende's array. */
    private static List<String> scopes(Object scope) {
        if (scope instanceof String text) {
            return Arrays.asList(text.split(" "));
        }
        return scope instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }
}
