package org.gatehouse.issuance.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import org.gatehouse.claims.control.SubjectIdentifiers;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.issuance.entity.UserGrant;
import org.gatehouse.keys.control.SigningKeys;
import org.gatehouse.protocol.control.Digests;

/**
 * Mints ID tokens (OIDC Core §2): signed with a key of an algorithm the client allows
 * ({@code AllowedIdentityTokenSigningAlgorithms}), for the subject the client sees (pairwise or not),
 * with {@code at_hash}/{@code c_hash} binding the tokens issued beside it (§3.3.2.11).
 */
@ApplicationScoped
public class IdentityTokenIssuer {

    @Inject
    SigningKeys keys;

    @Inject
    Clock clock;

    /**
     * @param nonce       the request's nonce, or null
     * @param userClaims  the profile claims to include (empty unless the flow or client asks for them)
     * @param accessToken the access token issued with it, or null
     * @param code        the authorization code issued with it (hybrid flow), or null
     */
    public Optional<String> issue(String issuer, Client client, UserGrant user, String nonce,
            Map<String, Object> userClaims, String accessToken, String code) {
        var key = keys.signingKey(client.tokens().allowedIdentityTokenSigningAlgorithms());
        if (key.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        var claims = new JWTClaimsSet.Builder();
        userClaims.forEach(claims::claim);
        claims.issuer(issuer)
                .subject(SubjectIdentifiers.forClient(client, user.subjectId()))
                .audience(client.clientId())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(client.tokens().identityTokenLifetime())))
                .claim("auth_time", user.authTime().getEpochSecond())
                .claim("acr", user.acr())
                .claim("amr", user.amr());
        if (user.sessionId() != null) {
            claims.claim("sid", user.sessionId());
        }
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        var algorithm = JWSAlgorithm.parse(key.get().algorithm());
        if (accessToken != null) {
            claims.claim("at_hash", leftHalfHash(accessToken, algorithm));
        }
        if (code != null) {
            claims.claim("c_hash", leftHalfHash(code, algorithm));
        }
        try {
            return Optional.of(key.get().sign(null, claims.build()));
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed with key " + key.get().keyId(), e);
        }
    }

    /**
     * OIDC Core §3.3.2.11: base64url of the left-most half of the hash of the ASCII value, with the hash
     * of the JWS algorithm (SHA-256 for RS256, ES256, PS256, …).
     */
    static String leftHalfHash(String value, JWSAlgorithm algorithm) {
        String name = algorithm.getName();
        String digest = name.endsWith("384") ? "SHA-384" : name.endsWith("512") ? "SHA-512" : "SHA-256";
        byte[] hash = Digests.digest(digest, value.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, hash.length / 2));
    }
}
