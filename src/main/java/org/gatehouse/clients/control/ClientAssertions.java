package org.gatehouse.clients.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.clients.entity.Credentials;
import org.gatehouse.clients.entity.FapiProfile;
import org.gatehouse.configuration.entity.GatehouseSettings;
import org.gatehouse.keys.control.NativeCrypto;
import org.gatehouse.protocol.entity.Endpoints;
import org.gatehouse.replay.control.ReplayGuard;

/**
 * Verifies client assertions (RFC 7523 §2.2 and §3, OIDC Core §9) with Nimbus's JWT processor: for
 * {@code private_key_jwt} signed (RS, PS or ES; never {@code none}) by a key among the client's unexpired {@code JWK}
 * and {@code X509CertificateBase64} secrets; for {@code client_secret_jwt} MAC'd (HS256, HS384, HS512) with one of its
 * {@link ReferencedSecrets} (the {@link ClientKeys}); {@code iss} and {@code sub} the client id, {@code aud}
 * Gatehouse, {@code exp} at most {@link #MAX_LIFETIME} ahead, and its {@code jti} accepted once across every node.
 * Composed from Nimbus's processor rather than its SDK's {@code ClientAuthenticationVerifier}, which builds its JWS
 * verifiers itself: this way they run on the native provider ({@link NativeCrypto#verifierFactory()}).
 */
@ApplicationScoped
public class ClientAssertions {

    /** The algorithms accepted, and advertised ({@code token_endpoint_auth_signing_alg_values_supported}). */
    public static final List<JWSAlgorithm> ALGORITHMS = List.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384,
            JWSAlgorithm.ES512);

    /** The algorithms of {@code client_secret_jwt}, also advertised. */
    public static final List<JWSAlgorithm> MAC_ALGORITHMS = List.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512);

    /**
     * How far ahead an assertion's {@code exp} may be. RFC 7523 §3 lets the server bound it; a short bound also
     * bounds how long each {@code jti} must be remembered.
     */
    static final Duration MAX_LIFETIME = Duration.ofMinutes(5);

    /** The clock skew allowed on {@code exp} and {@code nbf}, which the replay record must outlast. */
    private static final Duration SKEW = Duration.ofSeconds(60);

    /**
     * RFC 7523bis's explicit type, also as the full media type (RFC 7515 §4.1.9): an assertion that declares it follows
     * that profile is held to it.
     */
    private static final Set<JOSEObjectType> EXPLICIT_TYPES = Set.of(new JOSEObjectType("client-authentication+jwt"),
            new JOSEObjectType("application/client-authentication+jwt"));

    /**
     * {@code typ}: none, {@code JWT}, or the explicit type. Any other explicit type is another kind of JWT (a DPoP
     * proof, an access token) and never an assertion.
     */
    private static final DefaultJOSEObjectTypeVerifier<SecurityContext> TYPES = new DefaultJOSEObjectTypeVerifier<>(
            acceptedTypes());

    private static final Set<String> REQUIRED_CLAIMS = Set.of("iss", "sub", "aud", "exp", "jti"); // jti: OIDC Core §9

    @Inject
    ReplayGuard replays;

    @Inject
    ClientKeys clientKeys;

    @Inject
    GatehouseSettings settings;

    /** Duende's {@code Preview.StrictClientAssertionAudienceValidation}: every assertion held to RFC 7523bis's audience. */
    boolean strictAudience;

    @Inject
    Clock clock;

    private static Set<JOSEObjectType> acceptedTypes() {
        var types = new HashSet<>(EXPLICIT_TYPES);
        types.add(JOSEObjectType.JWT);
        types.add(null); // no typ
        return types;
    }

    @PostConstruct
    void init() {
        strictAudience = settings.strictClientAssertionAudience();
    }

    /** Whether the assertion of {@code credentials} authenticates {@code client} to the Gatehouse of {@code issuer}. */
    public boolean verify(Client client, Credentials credentials, String issuer) {
        Instant now = clock.instant();
        String assertion = credentials.secret();
        boolean mac = Credentials.CLIENT_SECRET_JWT.equals(credentials.method());
        var keys = clientKeys.of(client, now);
        if (keys.isEmpty()) {
            return false;
        }
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(assertion);
        } catch (ParseException e) {
            return false;
        }
        var processor = new DefaultJWTProcessor<SecurityContext>();
        processor.setJWSTypeVerifier(TYPES);
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.copyOf(mac ? MAC_ALGORITHMS : ALGORITHMS),
                new ImmutableJWKSet<>(keys)));
        processor.setJWSVerifierFactory(NativeCrypto.verifierFactory());
        processor.setJWTClaimsSetVerifier(claims(client.clientId(), issuer, now));
        JWTClaimsSet claims;
        try {
            claims = processor.process(jwt, null);
        } catch (BadJOSEException | JOSEException e) {
            return false;
        }
        if (!fitsTheProfile(client, jwt, claims, issuer)) {
            return false;
        }
        var expires = claims.getExpirationTime().toInstant();
        if (expires.isAfter(now.plus(MAX_LIFETIME).plus(SKEW))) {
            return false;
        }
        var keep = Duration.between(now, expires).plus(SKEW);
        return replays.firstUse("client-assertion", client.clientId() + " " + claims.getJWTID(), keep.isNegative() ? SKEW : keep);
    }

    /**
     * RFC 7523bis: the audience is the issuer alone, as one value (an array of one included), which no other server's
     * metadata can make a client sign for. Required of assertions typed {@code client-authentication+jwt}, of a FAPI
     * client's, and of all with strict audience validation on; the others may also name the token endpoint (below).
     */
    private boolean fitsTheProfile(Client client, SignedJWT jwt, JWTClaimsSet claims, String issuer) {
        var type = jwt.getHeader().getType();
        // FAPI 2.0 Security Profile §5.3.2.1: the issuer as the sole audience, and PS256 or ES256 (§5.4.1; EdDSA is not supported).
        if (client.fapi().applies() && !FapiProfile.ALGORITHMS.contains(jwt.getHeader().getAlgorithm().getName())) {
            return false;
        }
        boolean strict = strictAudience || client.fapi().applies() || type != null && EXPLICIT_TYPES.contains(type);
        return !strict || claims.getAudience().equals(List.of(issuer));
    }

    /**
     * {@code iss} and {@code sub} the client; {@code aud} naming the issuer (RFC 7523bis, immune to a look-alike
     * endpoint in another server's metadata) or the token endpoint's URL (OIDC Core §9, what most clients send).
     */
    private static DefaultJWTClaimsVerifier<SecurityContext> claims(String clientId, String issuer, Instant now) {
        // HashSets: Nimbus asks the audiences whether they contain null, which Set.of answers with an exception.
        var audiences = new HashSet<>(List.of(issuer, issuer.replaceAll("/+$", "") + "/" + Endpoints.TOKEN));
        var verifier = new DefaultJWTClaimsVerifier<SecurityContext>(audiences, new JWTClaimsSet.Builder().issuer(clientId)
                .subject(clientId).build(), new HashSet<>(REQUIRED_CLAIMS), null) {
            @Override
            protected Date currentTime() { // Gatehouse's clock, the one the bound on exp is measured with
                return Date.from(now);
            }
        };
        verifier.setMaxClockSkew((int) SKEW.toSeconds());
        return verifier;
    }
}
