package org.gatehouse.revocation.control;

import static org.gatehouse.protocol.entity.ErrorCode.INVALID_GRANT;
import static org.gatehouse.protocol.entity.ErrorCode.UNSUPPORTED_TOKEN_TYPE;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.gatehouse.clients.control.ClientAuthenticator;
import org.gatehouse.clients.entity.AuthenticatedClient;
import org.gatehouse.clients.entity.ClientChannel;
import org.gatehouse.grants.control.GrantStore;
import org.gatehouse.grants.entity.Grant;
import org.gatehouse.grants.entity.GrantType;
import org.gatehouse.issuance.control.FamilyRevocation;
import org.gatehouse.issuance.control.PresentedTokens;
import org.gatehouse.issuance.control.RevokedJwts;
import org.gatehouse.issuance.control.TokenInspector;
import org.gatehouse.issuance.entity.InspectedToken;
import org.gatehouse.protocol.entity.Form;
import org.gatehouse.protocol.entity.OAuthError;
import org.gatehouse.protocol.entity.Outcome;
import org.gatehouse.revocation.entity.RevocationResult;

/**
 * Token revocation (RFC 7009). A refresh token takes its whole family with it; a reference access
 * token is deleted. Unknown tokens are answered 200 (§2.2). A client can revoke only its own tokens:
 * §2 has the request for another client's token refused, here with RFC 6749 §5.2's {@code invalid_grant}
 * ("issued to another client"). A JWT access token is remembered as revoked until it expires ({@link RevokedJwts});
 * one without {@code jti} (IncludeJwtId false) cannot be: {@code unsupported_token_type} (§2.2.1).
 */
@ApplicationScoped
public class Revocation {

    @Inject
    ClientAuthenticator clients;

    @Inject
    GrantStore grants;

    @Inject
    FamilyRevocation families;

    @Inject
    TokenInspector inspector;

    @Inject
    RevokedJwts revokedJwts;

    public Outcome<RevocationResult> revoke(ClientChannel channel, Form form) {
        return PresentedTokens.read(channel.authorization(), form, credentials -> clients.authenticate(credentials, channel))
                .then(presented -> revoke(presented.caller(), presented.token(), channel.issuer()));
    }

    private Outcome<RevocationResult> revoke(AuthenticatedClient client, String token, String issuer) {
        var grant = grants.find(token).filter(g -> g.type().isToken());
        var jwt = grant.isPresent() ? Optional.<InspectedToken>empty() : inspector.jwt(token, issuer);
        var owner = grant.map(Grant::clientId).or(() -> jwt.map(InspectedToken::clientId));
        if (owner.isEmpty()) {
            return Outcome.success(RevocationResult.UNKNOWN);
        }
        if (!owner.get().equals(client.client().clientId())) {
            return Outcome.failure(new OAuthError(INVALID_GRANT, "the token was issued to another client"));
        }
        if (jwt.isPresent()) {
            return revokedJwts.revoke(jwt.get()) ? Outcome.success(RevocationResult.REVOKED) : Outcome.failure(
                    new OAuthError(UNSUPPORTED_TOKEN_TYPE, "a JWT access token without jti cannot be revoked; it expires"));
        }
        if (grant.get().type() == GrantType.REFRESH_TOKEN) {
            families.revoke(client.client(), grant.get().familyId());
        } else {
            grants.remove(token);
        }
        return Outcome.success(RevocationResult.REVOKED);
    }
}
