package org.gatehouse.clients.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.JWTAuthentication;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.verifier.ClientAuthenticationVerifier;
import com.nimbusds.oauth2.sdk.auth.verifier.ClientCredentialsSelector;
import com.nimbusds.oauth2.sdk.auth.verifier.Context;
import com.nimbusds.oauth2.sdk.auth.verifier.InvalidClientException;
import com.nimbusds.oauth2.sdk.auth.verifier.JWTAudienceCheck;
import com.nimbusds.oauth2.sdk.auth.verifier.PKIClientX509CertificateBindingVerifier;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.protocol.entity.Endpoints;
import org.gatehouse.replay.control.ReplayGuard;

/**
 * Verifies {@code private_key_jwt} client assertions (RFC 7523 §2.2 and §3, OIDC Core §9) with the Nimbus SDK's
 * verifier: signed (RS, PS or ES; never a MAC, never {@code none}) by a key among the client's unexpired
 * {@code JWK} and {@code X509CertificateBase64} secrets, {@code iss} and {@code sub} the client id, {@code aud}
 * Gatehouse, {@code exp} at most {@link #MAX_LIFETIME} ahead, and its {@code jti} accepted once across every node.
 */
@ApplicationScoped
public class ClientAssertions {

    /** The algorithms discovery advertises ({@code token_endpoint_auth_signing_alg_values_supported}). */
    public static final List<JWSAlgorithm> ALGORITHMS = List.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384,
            JWSAlgorithm.ES512);

    /**
     * How far ahead an assertion's {@code exp} may be. RFC 7523 §3 lets the server bound it; a short bound also
     * bounds how long each {@code jti} must be remembered.
     */
    static final Duration MAX_LIFETIME = Duration.ofMinutes(5);

    /** The clock skew the Nimbus verifier allows on {@code exp} and {@code nbf}, which the replay record must outlast. */
    private static final Duration SKEW = Duration.ofSeconds(60);

    @Inject
    ReplayGuard replays;

    @Inject
    Clock clock;

    /** Whether {@code assertion} authenticates {@code client} to the Gatehouse of {@code issuer}. */
    public boolean verify(Client client, String assertion, String issuer) {
        PrivateKeyJWT presented;
        try {
            presented = PrivateKeyJWT.parse(Map.of("client_assertion_type", List.of(JWTAuthentication.CLIENT_ASSERTION_TYPE),
                    "client_assertion", List.of(assertion)));
        } catch (ParseException e) {
            return false; // an HMAC or unparsable assertion: CredentialsReader has already said which
        }
        var context = new Context<Client>();
        context.set(client);
        try {
            verifier(issuer).verify(presented, null, context);
        } catch (InvalidClientException | JOSEException e) {
            return false;
        }
        var claims = presented.getJWTAuthenticationClaimsSet();
        if (claims.getJWTID() == null) { // OIDC Core §9: jti is REQUIRED, or replays could not be told apart
            return false;
        }
        var keep = Duration.between(clock.instant(), claims.getExpirationTime().toInstant()).plus(SKEW);
        return replays.firstUse("client-assertion", client.clientId() + " " + claims.getJWTID().getValue(),
                keep.isNegative() ? SKEW : keep);
    }

    /**
     * The audiences an assertion may name: the issuer (RFC 7523bis, immune to a look-alike endpoint in another
     * server's metadata) or the token endpoint's URL (OIDC Core §9, what most clients send). Nimbus's LEGACY check
     * accepts either, also within an array; STRICT would take the issuer alone.
     */
    private ClientAuthenticationVerifier<Client> verifier(String issuer) {
        var audiences = Set.of(new Audience(issuer), new Audience(issuer.replaceAll("/+$", "") + "/" + Endpoints.TOKEN));
        return new ClientAuthenticationVerifier<>(new ClientKeys(clock), (PKIClientX509CertificateBindingVerifier<Client>) null,
                audiences, JWTAudienceCheck.LEGACY, null, MAX_LIFETIME.toSeconds());
    }

    /** The client's public keys whose type and {@code kid} fit the assertion's header. */
    private record ClientKeys(Clock clock) implements ClientCredentialsSelector<Client> {

        @Override
        public List<com.nimbusds.oauth2.sdk.auth.Secret> selectClientSecrets(ClientID clientId,
                ClientAuthenticationMethod method, Context<Client> context) throws InvalidClientException {
            throw InvalidClientException.BAD_SECRET; // client_secret_jwt: CredentialsReader refuses it before
        }

        @Override
        public List<? extends PublicKey> selectPublicKeys(ClientID clientId, ClientAuthenticationMethod method,
                JWSHeader header, boolean forceRefresh, Context<Client> context) throws InvalidClientException {
            Instant now = clock.instant();
            var keys = new ArrayList<PublicKey>();
            for (var secret : context.get().secrets()) {
                if (secret.isAssertionKey() && !secret.isExpiredAt(now) && fits(secret.key(), header)) {
                    keys.add(publicKey(secret.key()));
                }
            }
            return keys;
        }

        private static boolean fits(JWK key, JWSHeader header) {
            if (!ALGORITHMS.contains(header.getAlgorithm())) {
                return false;
            }
            boolean family = key instanceof RSAKey ? JWSAlgorithm.Family.RSA.contains(header.getAlgorithm())
                    : JWSAlgorithm.Family.EC.contains(header.getAlgorithm());
            return family && (header.getKeyID() == null || key.getKeyID() == null || header.getKeyID().equals(key.getKeyID()));
        }

        private static PublicKey publicKey(JWK key) throws InvalidClientException {
            try {
                return key instanceof RSAKey rsa ? rsa.toPublicKey() : ((ECKey) key).toPublicKey();
            } catch (JOSEException e) {
                throw InvalidClientException.NO_MATCHING_JWK;
            }
        }
    }
}
