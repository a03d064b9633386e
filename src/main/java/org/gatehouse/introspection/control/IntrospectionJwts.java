package org.gatehouse.introspection.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.gatehouse.introspection.entity.IntrospectionResponse;
import org.gatehouse.keys.control.SigningKeys;

/**
 * RFC 9701 §5: an introspection response as a JWT, typed {@code token-introspection+jwt} so that it can never pass for
 * an access token, from Gatehouse ({@code iss}) to the caller ({@code aud}), with {@code iat}, a {@code jti}, and the
 * RFC 7662 members in {@code token_introspection}. The token's own {@code sub} and {@code exp} stay inside that member:
 * at the top level they would make the response look like a token for its subject. Not encrypted (optional, §5).
 */
@ApplicationScoped
public class IntrospectionJwts {

    /** §4, §5: what the resource server accepts, and the response's explicit type. */
    public static final String MEDIA_TYPE = "application/token-introspection+jwt";
    static final JOSEObjectType TYPE = new JOSEObjectType("token-introspection+jwt");

    @Inject
    SigningKeys keys;

    @Inject
    Clock clock;

    /**
     * @param algorithms the algorithms the caller accepts (empty: any Gatehouse signs with)
     * @return the signed response; empty when no key signs with one of {@code algorithms}
     */
    public Optional<String> sign(IntrospectionResponse response, String audience, Set<String> algorithms, String issuer) {
        var key = keys.signingKey(algorithms);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        var claims = new JWTClaimsSet.Builder().issuer(issuer).audience(audience).issueTime(Date.from(clock.instant()))
                .jwtID(UUID.randomUUID().toString()).claim("token_introspection", response.members()).build();
        try {
            return Optional.of(key.get().sign(TYPE, claims));
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed with key " + key.get().keyId(), e);
        }
    }
}
