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
import org.gatehouse.issuance.control.AccessTokenIssuer;
import org.gatehouse.issuance.control.TokenInspector;
import org.gatehouse.protocol.entity.ErrorCode;
import org.gatehouse.protocol.entity.OAuthError;
import org.gatehouse.resources.entity.StandardIdentityResources;
import org.gatehouse.userinfo.entity.UserInfoResult;
import org.gatehouse.users.control.UserProfiles;

/**
 * The UserInfo response (OIDC Core §5.3): the claims of the identity scopes the access token was granted,
 * for the subject its client sees. The token comes in the {@code Authorization} header or the form body
 * (RFC 6750 §2.1-2.2), never both (§2). Errors are RFC 6750 §3.1's.
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

    /**
     * @param inHeader the bearer token of the {@code Authorization} header
     * @param inForm the {@code access_token} of a form body
     */
    public UserInfoResult answer(Optional<String> inHeader, Optional<String> inForm, String issuer) {
        if (inHeader.isPresent() && inForm.isPresent()) {
            return refused(INVALID_REQUEST, "send the access token once: header or form");
        }
        var token = inHeader.or(() -> inForm);
        return token.isEmpty() ? new UserInfoResult.Unauthenticated() : claims(token.get(), issuer);
    }

    private UserInfoResult claims(String accessToken, String issuer) {
        var token = inspector.inspect(accessToken, issuer).filter(t -> t.isAccessToken());
        if (token.isEmpty()) {
            return refused(INVALID_TOKEN, "the access token is invalid, expired or revoked");
        }
        var scopes = scopes(token.get().claims().get("scope"));
        if (!scopes.contains(StandardIdentityResources.OPENID)) {
            return refused(INSUFFICIENT_SCOPE, "the access token lacks the openid scope");
        }
        var subject = (String) token.get().claims().get("sub");
        var client = clients.find(token.get().clientId());
        if (client.isEmpty() || subject == null) {
            return refused(INVALID_TOKEN, "the access token is not for a user of a known client");
        }
        var claims = new LinkedHashMap<String, Object>();
        claims.put("sub", SubjectIdentifiers.forClient(client.get(), subject));
        // A user of another IdentityStore (LDAP, …) has no profile here: the subject is all there is to say.
        var requested = names(token.get().claims().get(AccessTokenIssuer.USERINFO_CLAIMS)); // OIDC Core §5.5
        profiles.find(subject).ifPresent(profile -> claims.putAll(identityClaims.forUserInfo(profile, scopes, requested)));
        return new UserInfoResult.Claims(claims);
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
