package org.gatehouse.jarm.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gatehouse.clients.control.ClientStore;
import org.gatehouse.keys.control.SigningKeys;

/**
 * JARM §2.1-2.2: an authorization response (or error) as one JWT, signed by Gatehouse with a key of an algorithm the
 * client accepts for what Gatehouse signs for it ({@code AllowedIdentityTokenSigningAlgorithms}, as its ID tokens):
 * {@code iss} Gatehouse, {@code aud} the client, a short {@code exp}, and the response parameters as claims. Not
 * encrypted (JARM §2.3: optional; Gatehouse has no client encryption keys yet).
 */
@ApplicationScoped
public class ResponseJwts {

    /** JARM §2.1 asks for a short lifetime: the response is read at once, on the client's redirect URI. */
    static final Duration LIFETIME = Duration.ofMinutes(5);

    @Inject
    SigningKeys keys;

    @Inject
    ClientStore clients;

    @Inject
    Clock clock;

    /** The response JWT; empty when no key signs with an algorithm the client accepts. */
    public Optional<String> sign(String clientId, Map<String, String> parameters, String issuer) {
        var allowed = clients.find(clientId).map(client -> client.tokens().allowedIdentityTokenSigningAlgorithms())
                .orElse(Set.of());
        var key = keys.signingKey(allowed);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        var claims = new JWTClaimsSet.Builder();
        parameters.forEach(claims::claim);
        claims.issuer(issuer).audience(clientId).issueTime(Date.from(now)).expirationTime(Date.from(now.plus(LIFETIME)));
        try {
            return Optional.of(key.get().sign(null, claims.build()));
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed with key " + key.get().keyId(), e);
        }
    }
}
