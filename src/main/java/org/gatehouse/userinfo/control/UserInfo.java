package org.gatehouse.userinfo.control;

import static org.gatehouse.protocol.entity.ErrorCode.INSUFFICIENT_SCOPE;
import static org.gatehouse.protocol.entity.ErrorCode.INVALID_TOKEN;

import com.nimbusds.jose.util.JSONObjectUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import org.gatehouse.claims.control.IdentityClaims;
import org.gatehouse.claims.control.SubjectIdentifiers;
import org.gatehouse.clients.control.ClientStore;
import org.gatehouse.issuance.control.TokenInspector;
import org.gatehouse.protocol.entity.OAuthError;
import org.gatehouse.protocol.entity.Outcome;
import org.gatehouse.resources.entity.StandardIdentityResources;
import org.gatehouse.users.control.UserProfiles;

/**
 * The UserInfo response (OIDC Core §5.3): the claims of the identity scopes the access token was granted,
 * for the subject its client sees. Errors are RFC 6750 §3.1's.
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

    public Outcome<String> claims(String accessToken, String issuer) {
        var token = inspector.inspect(accessToken, issuer).filter(t -> t.isAccessToken());
        if (token.isEmpty()) {
            return Outcome.failure(invalidToken("the access token is invalid, expired or revoked"));
        }
        var scopes = scopes(token.get().claims().get("scope"));
        if (!scopes.contains(StandardIdentityResources.OPENID)) {
            return Outcome.failure(new OAuthError(INSUFFICIENT_SCOPE, "the access token lacks the openid scope"));
        }
        var subject = (String) token.get().claims().get("sub");
        var client = clients.find(token.get().clientId());
        if (client.isEmpty() || subject == null) {
            return Outcome.failure(invalidToken("the access token is not for a user of a known client"));
        }
        var claims = new LinkedHashMap<String, Object>();
        claims.put("sub", SubjectIdentifiers.forClient(client.get(), subject));
        // A user of another IdentityStore (LDAP, …) has no profile here: the subject is all there is to say.
        profiles.find(subject).ifPresent(profile -> claims.putAll(identityClaims.forIdentityScopes(profile, scopes)));
        return Outcome.success(JSONObjectUtils.toJSONString(claims));
    }

    public static OAuthError invalidToken(String description) {
        return new OAuthError(INVALID_TOKEN, description);
    }

    /** {@code scope}: a space-delimited string (RFC 9068), or Duende's array. */
    private static List<String> scopes(Object scope) {
        if (scope instanceof String text) {
            return Arrays.asList(text.split(" "));
        }
        return scope instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }
}
