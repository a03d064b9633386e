package org.gatehouse.logout.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import org.gatehouse.claims.control.SubjectIdentifiers;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.keys.control.SigningKeys;
import org.gatehouse.logout.entity.LogoutNotice;

/**
 * Mints logout tokens (OpenID Connect Back-Channel Logout 1.0 §2.4): {@code iss}, {@code aud}, {@code iat},
 * {@code exp}, {@code jti}, the back-channel logout event, {@code sub} as the client sees the user, and {@code sid}
 * where the client requires it (and the session had one); never a {@code nonce} (§2.4, so that a logout token can
 * never pass as an ID token). Signed like the client's ID tokens; explicitly typed {@code logout+jwt} (§2.4, RFC 8725
 * §3.11).
 */
@ApplicationScoped
public class LogoutTokens {

    public static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";
    static final JOSEObjectType TYPE = new JOSEObjectType("logout+jwt");
    /** Short: the token is minted afresh at each delivery attempt. */
    static final Duration LIFETIME = Duration.ofMinutes(5);

    @Inject
    SigningKeys keys;

    @Inject
    Clock clock;

    /** The token for {@code notice}, or empty when no signing key has an algorithm the client accepts. */
    public Optional<String> mint(Client client, LogoutNotice notice) {
        var key = keys.signingKey(client.tokens().allowedIdentityTokenSigningAlgorithms());
        if (key.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        var claims = new JWTClaimsSet.Builder()
                .issuer(notice.issuer())
                .audience(client.clientId())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .jwtID(notice.id())
                .subject(SubjectIdentifiers.forClient(client, notice.subjectId()))
                .claim("events", Map.of(EVENT, Map.of()));
        if (client.logout().backChannelLogoutSessionRequired() && notice.sessionId() != null) {
            claims.claim("sid", notice.sessionId());
        }
        try {
            return Optional.of(key.get().sign(TYPE, claims.build()));
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed with key " + key.get().keyId(), e);
        }
    }
}
