package org.gatehouse.jarm.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDHEncrypter;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.jwk.KeyType;
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
import org.gatehouse.clients.entity.Client;
import org.gatehouse.clients.entity.ResponseEncryption;
import org.gatehouse.clients.entity.Secret;
import org.gatehouse.keys.control.SigningKeys;

/**
 * JARM §2.1-2.3: an authorization response (or error) as one JWT, signed by Gatehouse with a key of an algorithm the
 * client accepts for what Gatehouse signs for it ({@code AllowedIdentityTokenSigningAlgorithms}, as its ID tokens):
 * {@code iss} Gatehouse, {@code aud} the client, a short {@code exp}, and the response parameters as claims; then, for
 * a client with {@code AuthorizationEncryptedResponseAlg}, encrypted to its key (a nested JWT, {@code cty: JWT}).
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

    /**
     * The response JWT; empty when no key signs with an algorithm the client accepts, or the client asks for
     * encryption and has no unexpired key to encrypt to (never sent unencrypted then).
     */
    public Optional<String> response(String clientId, Map<String, String> parameters, String issuer) {
        var client = clients.find(clientId);
        var allowed = client.map(c -> c.tokens().allowedIdentityTokenSigningAlgorithms()).orElse(Set.of());
        var key = keys.signingKey(allowed);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        var claims = new JWTClaimsSet.Builder();
        parameters.forEach(claims::claim);
        claims.issuer(issuer).audience(clientId).issueTime(Date.from(now)).expirationTime(Date.from(now.plus(LIFETIME)));
        String signed;
        try {
            signed = key.get().sign(null, claims.build());
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed with key " + key.get().keyId(), e);
        }
        var encryption = client.map(c -> c.authorize().responseEncryption()).orElse(null);
        return encryption == null ? Optional.of(signed) : encrypted(client.get(), encryption, signed, now);
    }

    /** JARM §2.3, RFC 7519 §5.2: the signed response as a JWE's payload, to the client's newest fitting key. */
    private static Optional<String> encrypted(Client client, ResponseEncryption encryption, String signed, Instant now) {
        var keyType = encryption.toRsaKey() ? KeyType.RSA : KeyType.EC;
        var key = client.secrets().stream()
                .filter(secret -> secret.isEncryptionKey() && !secret.isExpiredAt(now) && secret.key().getKeyType().equals(keyType))
                .map(Secret::key).reduce((first, later) -> later);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        var header = new JWEHeader.Builder(encryption.algorithm(), encryption.method()).contentType("JWT")
                .keyID(key.get().getKeyID()).build();
        var jwe = new JWEObject(header, new Payload(signed));
        try {
            jwe.encrypt(encryption.toRsaKey() ? new RSAEncrypter(key.get().toRSAKey()) : new ECDHEncrypter(key.get().toECKey()));
        } catch (JOSEException e) {
            throw new IllegalStateException("encrypting the response to key " + key.get().getKeyID() + " failed", e);
        }
        return Optional.of(jwe.serialize());
    }
}
