package org.gatehouse.issuance.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.gatehouse.grants.control.GrantStore;
import org.gatehouse.grants.entity.GrantType;
import org.gatehouse.issuance.entity.InspectedToken;

/**
 * JWT access tokens revoked before they expire (RFC 7009 §2 lets a server revoke them; Keycloak does): their
 * {@code jti} is kept in the grant store, which every node reads, until the token would have expired anyway,
 * and introspection and userinfo then treat the token as inactive. APIs that validate JWTs themselves cannot
 * see this: for them a JWT lives until {@code exp}, which is why access tokens should be short-lived.
 */
@ApplicationScoped
public class RevokedJwts {

    @Inject
    GrantStore grants;

    @Inject
    Clock clock;

    /** Revokes {@code token} (a verified JWT access token); false when it has no {@code jti} to remember it by. */
    public boolean revoke(InspectedToken token) {
        var jti = jti(token);
        if (jti.isEmpty()) {
            return false;
        }
        var expires = Instant.ofEpochSecond(((Number) token.claims().get("exp")).longValue());
        var left = Duration.between(clock.instant(), expires);
        if (!left.isNegative()) {
            grants.replace(handle(jti.get()), GrantType.REVOKED_JWT, token.clientId(),
                    (String) token.claims().get("sub"), left.plusSeconds(1), "{}");
        }
        return true;
    }

    public boolean isRevoked(InspectedToken token) {
        return jti(token).filter(jti -> grants.find(handle(jti)).isPresent()).isPresent();
    }

    private static Optional<String> jti(InspectedToken token) {
        return token.claims().get("jti") instanceof String jti && !jti.isEmpty() ? Optional.of(jti) : Optional.empty();
    }

    /** Stored, as every handle, only as a hash; the prefix keeps it apart from handles Gatehouse hands out. */
    private static String handle(String jti) {
        return "revoked-jwt:" + jti;
    }
}
