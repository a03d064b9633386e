package org.gatehouse.dpop.control;

import static org.gatehouse.protocol.entity.ErrorCode.INVALID_DPOP_PROOF;
import static org.gatehouse.protocol.entity.ErrorCode.INVALID_TOKEN;
import static org.gatehouse.protocol.entity.ErrorCode.USE_DPOP_NONCE;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.dpop.JWKThumbprintConfirmation;
import com.nimbusds.oauth2.sdk.dpop.verifiers.AccessTokenValidationException;
import com.nimbusds.oauth2.sdk.dpop.verifiers.DPoPIssuer;
import com.nimbusds.oauth2.sdk.dpop.verifiers.DPoPProofUse;
import com.nimbusds.oauth2.sdk.dpop.verifiers.DPoPProtectedResourceRequestVerifier;
import com.nimbusds.oauth2.sdk.dpop.verifiers.DPoPTokenRequestVerifier;
import com.nimbusds.oauth2.sdk.dpop.verifiers.InvalidDPoPProofException;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import com.nimbusds.oauth2.sdk.util.singleuse.AlreadyUsedException;
import com.nimbusds.oauth2.sdk.util.singleuse.SingleUseChecker;
import com.nimbusds.openid.connect.sdk.Nonce;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.clients.entity.DPoPSettings;
import org.gatehouse.clients.entity.DPoPValidationMode;
import org.gatehouse.dpop.entity.DPoPOptions;
import org.gatehouse.protocol.entity.Confirmation;
import org.gatehouse.protocol.entity.OAuthError;
import org.gatehouse.protocol.entity.Outcome;
import org.gatehouse.replay.control.ReplayGuard;

/**
 * Checks DPoP proofs (RFC 9449 §4.3) with the Nimbus SDK's verifiers: one {@code DPoP} header, a {@code dpop+jwt}
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

    @Inject
    DPoPNonces nonces;

    @Inject
    DPoPOptions options;

    @Inject
    ReplayGuard replays;

    /** At the token endpoint (§5): the key the proof proves, which the tokens issued are bound to. */
    public Outcome<Confirmation> forTokenRequest(Client client, List<String> headers, URI endpoint) {
        return proof(client, headers).then(proof -> {
            var window = Window.of(client.dpop(), options);
            var verifier = new DPoPTokenRequestVerifier(accepted(), endpoint, window.skew().toSeconds(),
                    window.maxAge().toSeconds(), singleUse(window));
            try {
                var confirmation = verifier.verify(new DPoPIssuer(client.clientId()), proof.jwt(), proof.nonce());
                return Outcome.success(Confirmation.dpop(confirmation.getValue().toString()));
            } catch (InvalidDPoPProofException | JOSEException e) {
                return Outcome.failure(new OAuthError(INVALID_DPOP_PROOF, e.getMessage()));
            }
        });
    }

    /**
     * At a protected resource (§7.1): the request's proof for {@code accessToken}, which is bound to {@code bound};
     * {@code invalid_token} when the proof's key or {@code ath} is not the token's.
     */
    public Outcome<Confirmation> forResourceRequest(Client client, List<String> headers, String method, URI uri,
            String accessToken, Confirmation bound) {
        return proof(client, headers).then(proof -> {
            var window = Window.of(client.dpop(), options);
            var verifier = new DPoPProtectedResourceRequestVerifier(accepted(), window.skew().toSeconds(),
                    window.maxAge().toSeconds(), singleUse(window));
            try {
                verifier.verify(method, uri, new DPoPIssuer(client.clientId()), proof.jwt(), new DPoPAccessToken(accessToken),
                        new JWKThumbprintConfirmation(new Base64URL(bound.jkt())), proof.nonce());
                return Outcome.success(bound);
            } catch (InvalidDPoPProofException | JOSEException e) {
                return Outcome.failure(new OAuthError(INVALID_DPOP_PROOF, e.getMessage()));
            } catch (AccessTokenValidationException e) {
                return Outcome.failure(new OAuthError(INVALID_TOKEN, e.getMessage()));
            }
        });
    }

    /** A parsed proof and the server nonce it must carry (null when the client's mode needs none). */
    private record Proof(SignedJWT jwt, Nonce nonce) {
    }

    /** Duende's {@code SupportedDPoPSigningAlgorithms}. */
    private Set<JWSAlgorithm> accepted() {
        return options.supportedSigningAlgorithms().stream().map(JWSAlgorithm::parse).collect(Collectors.toUnmodifiableSet());
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
        if (!Window.of(client.dpop(), options).needsNonce()) {
            return Outcome.success(new Proof(jwt, null));
        }
        if (!nonces.isFresh(nonce)) { // §8: the answer carries a fresh nonce for the retry
            return Outcome.failure(new OAuthError(USE_DPOP_NONCE, nonce == null
                    ? "the DPoP proof needs the server's nonce from the DPoP-Nonce header"
                    : "the DPoP proof's nonce is not one of this server's or has expired: use the one in the DPoP-Nonce header"));
        }
        return Outcome.success(new Proof(jwt, new Nonce(nonce)));
    }

    /** Each proof once on every node (§11.1), remembered as long as the verifier could accept it. */
    private SingleUseChecker<DPoPProofUse> singleUse(Window window) {
        return use -> {
            if (!replays.firstUse("dpop-jti", use.getIssuer().getValue() + " " + use.getJWTID().getValue(), window.keep())) {
                throw new AlreadyUsedException("the DPoP proof was already used (jti)");
            }
        };
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
