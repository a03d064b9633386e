package org.gatehouse.dpop.control;

import static org.gatehouse.protocol.entity.ErrorCode.INVALID_DPOP_PROOF;
import static org.gatehouse.protocol.entity.ErrorCode.INVALID_TOKEN;
import static org.gatehouse.protocol.entity.ErrorCode.USE_DPOP_NONCE;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.openid.connect.sdk.Nonce;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.clients.entity.DPoPSettings;
import org.gatehouse.clients.entity.DPoPValidationMode;
import org.gatehouse.clients.entity.FapiProfile;
import org.gatehouse.dpop.entity.DPoPOptions;
import org.gatehouse.protocol.entity.Confirmation;
import org.gatehouse.protocol.entity.OAuthError;
import org.gatehouse.protocol.entity.Outcome;
import org.gatehouse.replay.control.ReplayGuard;

/**
 * Checks DPoP proofs (RFC 9449 §4.3): one {@code DPoP} header, a {@code dpop+jwt}
 * signed with an asymmetric algorithm by the public key in its {@code jwk}, {@code htm} and {@code htu} of this
 * request, {@code iat} and the server nonce as the client's {@code DPoPValidationMode} says, a {@code jti} never seen
 * before on any node and, at a resource, {@code ath} and the key the token is bound to.
 */
@ApplicationScoped
public class DPoPProofs {

    /**
     * Duende's {@code Nonce} mode checks freshness by the server's nonce alone, not trusting the client's clock: the
     * verifier, which always reads {@code iat}, is given a skew that no honest clock exceeds.
     */
    private static final Duration IAT_UNCHECKED = Duration.ofDays(1);

    private static final DefaultJOSEObjectTypeVerifier<SecurityContext> DPOP_TYPE =
            new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("dpop+jwt"));
    private static final List<String> TOKEN_REQUEST_CLAIMS = List.of("jti", "htm", "htu", "iat");
    private static final List<String> RESOURCE_REQUEST_CLAIMS = List.of("jti", "htm", "htu", "iat", "ath");

    @Inject
    DPoPNonces nonces;

    @Inject
    DPoPOptions options;

    @Inject
    ReplayGuard replays;

    /** At the token endpoint (§5): the key the proof proves, which the tokens issued are bound to. */
    public Outcome<Confirmation> forTokenRequest(Client client, List<String> headers, URI endpoint) {
        return proof(client, headers).then(proof -> {
            try {
                var key = verify(client, proof, "POST", endpoint, null);
                return Outcome.success(Confirmation.dpop(key.computeThumbprint().toString()));
            } catch (BadJOSEException | JOSEException e) {
                return Outcome.failure(new OAuthError(INVALID_DPOP_PROOF, "Invalid DPoP proof: " + e.getMessage()));
            }
        });
    }

    /**
     * At a protected resource (§7.1): the request's proof for {@code accessToken}, which is bound to {@code bound};
     * {@code invalid_token} when the proof's key is not the token's.
     */
    public Outcome<Confirmation> forResourceRequest(Client client, List<String> headers, String method, URI uri,
            String accessToken, Confirmation bound) {
        return proof(client, headers).then(proof -> {
            JWK key;
            try {
                key = verify(client, proof, method, uri, accessToken);
            } catch (BadJOSEException | JOSEException e) {
                return Outcome.failure(new OAuthError(INVALID_DPOP_PROOF, "Invalid DPoP proof: " + e.getMessage()));
            }
            // Check 12: the proof is for this token, by the key it is bound to; otherwise the token is refused (as the SDK).
            try {
                if (!hashOf(accessToken).equals(proof.jwt().getJWTClaimsSet().getStringClaim("ath"))) {
                    return Outcome.failure(new OAuthError(INVALID_TOKEN, "the DPoP proof's ath is not the hash of the access token"));
                }
                return key.computeThumbprint().toString().equals(bound.jkt()) ? Outcome.success(bound)
                        : Outcome.failure(new OAuthError(INVALID_TOKEN, "the DPoP proof's key is not the one the token is bound to"));
            } catch (JOSEException | ParseException e) {
                return Outcome.failure(new OAuthError(INVALID_DPOP_PROOF, "Invalid DPoP proof: " + e.getMessage()));
            }
        });
    }

    /**
     * §4.3's checks, with nimbus-jose-jwt for the JWS and its {@code jwk}. The rules on the claims are Gatehouse's: the
     * SDK's DPoP verifiers compare {@code htu} with the request's URI character for character, where check 9 ignores
     * query and fragment and §4.3 compares the URIs after RFC 3986 §6.2.2-6.2.3 normalization (the OpenID conformance
     * suite sends both). The key the proof was signed with, when every check passes.
     */
    private JWK verify(Client client, Proof proof, String method, URI uri, String accessToken)
            throws BadJOSEException, JOSEException {
        var window = Window.of(client.dpop(), options);
        var accepted = accepted(client);
        var processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(DPOP_TYPE); // check 4
        processor.setJWSKeySelector((header, context) -> { // checks 5-7: an accepted asymmetric algorithm, a public key
            if (!accepted.contains(header.getAlgorithm()) || !(header.getJWK() instanceof AsymmetricJWK key)
                    || header.getJWK().isPrivate()) {
                return List.of();
            }
            try {
                return List.of(key.toPublicKey());
            } catch (JOSEException e) {
                return List.of(); // a jwk without a usable public key: the proof cannot be verified
            }
        });
        processor.setJWTClaimsSetVerifier((claims, context) -> {
            for (String name : accessToken == null ? TOKEN_REQUEST_CLAIMS : RESOURCE_REQUEST_CLAIMS) {
                if (claims.getClaim(name) == null) {
                    throw new BadJWTException("the proof has no " + name);
                }
            }
            if (!method.equals(stringClaim(claims, "htm"))) { // check 8
                throw new BadJWTException("htm is not this request's method " + method);
            }
            if (!sameTarget(stringClaim(claims, "htu"), uri)) { // check 9
                throw new BadJWTException("htu is not this request's URI " + withoutQuery(uri));
            }
            var iat = claims.getIssueTime().toInstant(); // check 11
            var now = Instant.now();
            if (iat.isAfter(now.plus(window.skew())) || iat.isBefore(now.minus(window.maxAge()))) {
                throw new BadJWTException("iat is outside the accepted window");
            }
            if (proof.nonce() != null && !proof.nonce().getValue().equals(stringClaim(claims, "nonce"))) { // check 10
                throw new BadJWTException("the nonce is not the one checked");
            }
            if (!replays.firstUse("dpop-jti", client.clientId() + " " + stringClaim(claims, "jti"), window.keep())) {
                throw new BadJWTException("the DPoP proof was already used (jti)"); // §11.1
            }
        });
        processor.process(proof.jwt(), null);
        return proof.jwt().getHeader().getJWK();
    }

    private static String stringClaim(JWTClaimsSet claims, String name) throws BadJWTException {
        try {
            return claims.getStringClaim(name);
        } catch (ParseException e) {
            throw new BadJWTException(name + " is not a string");
        }
    }

    /** RFC 9449 §4.2 {@code ath}: the access token's SHA-256, base64url. */
    private static String hashOf(String accessToken) {
        try {
            return Base64URL.encode(MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII)))
                    .toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every Java has SHA-256
        }
    }

    /**
     * Whether {@code htu} names the request's target: scheme and host compared case-insensitively, a scheme's default
     * port the same as none, query and fragment ignored on both sides (RFC 9449 §4.3 check 9, RFC 3986 §6.2.2-6.2.3).
     */
    static boolean sameTarget(String htu, URI request) {
        if (htu == null) {
            return false;
        }
        try {
            return withoutQuery(new URI(htu)).equals(withoutQuery(request));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String withoutQuery(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (port == 443 && scheme.equals("https")) || (port == 80 && scheme.equals("http"));
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return scheme + "://" + host + (defaultPort ? "" : ":" + port) + path;
    }

    /** A parsed proof and the server nonce it carries (null when it carries none and the client's mode needs none). */
    private record Proof(SignedJWT jwt, Nonce nonce) {
    }

    /** Duende's {@code SupportedDPoPSigningAlgorithms}; for a FAPI 2.0 client only those of its profile (§5.4.1). */
    private Set<JWSAlgorithm> accepted(Client client) {
        return options.supportedSigningAlgorithms().stream()
                .filter(name -> !client.fapi().applies() || FapiProfile.ALGORITHMS.contains(name))
                .map(JWSAlgorithm::parse).collect(Collectors.toUnmodifiableSet());
    }

    private Outcome<Proof> proof(Client client, List<String> headers) {
        if (headers.size() != 1) { // §4.3, check 1
            return Outcome.failure(new OAuthError(INVALID_DPOP_PROOF, "send exactly one DPoP header"));
        }
        if (options.supportedSigningAlgorithms().isEmpty()) { // Duende: an empty list refuses every proof
            return Outcome.failure(new OAuthError(INVALID_DPOP_PROOF, "no DPoP proof algorithm is accepted here"));
        }
        SignedJWT jwt;
        String nonce;
        try {
            jwt = SignedJWT.parse(headers.get(0));
            nonce = jwt.getJWTClaimsSet().getStringClaim("nonce"); // unverified here; the verifier checks it is signed
        } catch (ParseException e) {
            return Outcome.failure(new OAuthError(INVALID_DPOP_PROOF, "the DPoP proof is not a signed JWT"));
        }
        if (nonce == null && !Window.of(client.dpop(), options).needsNonce()) {
            return Outcome.success(new Proof(jwt, null));
        }
        // §8: a nonce the server gave out is used by the client from then on, needed or not (every answer here carries
        // the next one); one that is present is checked, and a stale one is answered with a fresh one for the retry.
        if (!nonces.isFresh(nonce)) {
            return Outcome.failure(new OAuthError(USE_DPOP_NONCE, nonce == null
                    ? "the DPoP proof needs the server's nonce from the DPoP-Nonce header"
                    : "the DPoP proof's nonce is not one of this server's or has expired: use the one in the DPoP-Nonce header"));
        }
        return Outcome.success(new Proof(jwt, new Nonce(nonce)));
    }

    /**
     * What makes a proof fresh for a client (Duende's {@code DPoPTokenExpirationValidationMode}): its {@code iat}
     * within {@code skew} of now and at most {@code maxAge} old ({@code ProofTokenValidityDuration} and the client's
     * {@code DPoPClockSkew}), or the server's nonce, at most {@code nonceLifetime} old, or both.
     */
    private record Window(Duration skew, Duration maxAge, boolean needsNonce, Duration nonceLifetime) {

        static Window of(DPoPSettings settings, DPoPOptions options) {
            var mode = settings.validationMode();
            var validity = options.proofTokenValidityDuration();
            if (mode == DPoPValidationMode.NONCE) {
                return new Window(IAT_UNCHECKED, IAT_UNCHECKED, true, options.nonceLifetime());
            }
            return new Window(settings.clockSkew(), validity.plus(settings.clockSkew()), mode == DPoPValidationMode.IAT_AND_NONCE,
                    options.nonceLifetime());
        }

        /** Long enough that a replay is refused for as long as the proof would otherwise be accepted. */
        Duration keep() {
            var byIat = maxAge.plus(skew);
            var byNonce = nonceLifetime.plus(DPoPNonces.NODE_CLOCK_SKEW); // a proof lives no longer than its nonce
            return needsNonce && byNonce.compareTo(byIat) < 0 ? byNonce : byIat;
        }
    }
}
