package org.gatehouse.dpop.entity;

import java.time.Duration;
import java.util.List;

/**
 * Duende's {@code DPoPOptions} ({@code IdentityServer:DPoP}): how long a proof is good after it was made, by its
 * {@code iat} or by the server nonce it carries; the clock skew allowed on a nonce's time; and the proof algorithms
 * accepted, which discovery advertises ({@code dpop_signing_alg_values_supported}). An empty list refuses every proof.
 */
public record DPoPOptions(Duration proofTokenValidityDuration, Duration serverClockSkew, List<String> supportedSigningAlgorithms) {

    /** Duende's defaults: RSA, RSA-PSS and ECDSA with SHA-256, -384 and -512. */
    public static final List<String> ALGORITHMS = List.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
            "ES256", "ES384", "ES512");

    public static final DPoPOptions DEFAULTS = new DPoPOptions(Duration.ofMinutes(1), Duration.ZERO, ALGORITHMS);

    public DPoPOptions {
        supportedSigningAlgorithms = List.copyOf(supportedSigningAlgorithms);
    }

    /** How long after it was made a server nonce is accepted. */
    public Duration nonceLifetime() {
        return proofTokenValidityDuration.plus(serverClockSkew);
    }
}
