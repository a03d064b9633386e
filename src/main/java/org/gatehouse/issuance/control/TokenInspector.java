package org.gatehouse.issuance.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.text.ParseException;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.gatehouse.grants.control.GrantStore;
import org.gatehouse.grants.entity.Grant;
import org.gatehouse.grants.entity.GrantType;
import org.gatehouse.issuance.entity.InspectedToken.Kind;
import org.gatehouse.issuance.entity.InspectedToken;
import org.gatehouse.keys.control.SigningKeys;
import org.gatehouse.keys.entity.KeyManagementOptions;

/**
 * Recognises a token Gatehouse issued and still honours: a JWT access token with a valid signature by a
 * published key, our issuer and no expiry; or the handle of a reference or refresh token in the grant
 * store, unexpired, not revoked and (for one-time refresh tokens) not used.
 */
@ApplicationScoped
public class TokenInspector {

    private static final Set<JWSAlgorithm> ALGORITHMS = KeyManagementOptions.SUPPORTED_ALGORITHMS.stream()
            .map(JWSAlgorithm::parse).collect(Collectors.toUnmodifiableSet());

    @Inject
    SigningKeys keys;

    @Inject
    GrantStore grants;

    @Inject
    RevokedJwts revoked;

    /** A token Gatehouse issued and still honours: a verified JWT that was not revoked, or a live stored token. */
    public Optional<InspectedToken> inspect(String token, String issuer) {
        if (isJwt(token)) {
            return jwt(token, issuer).filter(jwt -> !revoked.isRevoked(jwt));
        }
        return grants.find(token).filter(grant -> grant.type().isToken() && !grant.isConsumed())
                .map(TokenInspector::fromGrant);
    }

    /** A JWT access token of ours, verified, revoked or not; never a store lookup. */
    public Optional<InspectedToken> jwt(String token, String issuer) {
        if (!isJwt(token)) {
            return Optional.empty();
        }
        var processor = new DefaultJWTProcessor<SecurityContext>();
        processor.setJWSTypeVerifier((type, context) -> { }); // at+jwt or JWT, as configured when it was issued
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, new ImmutableJWKSet<>(keys.publicKeys())));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("exp", "client_id")));
        try {
            var claims = processor.process(token, null);
            return Optional.of(new InspectedToken(Kind.JWT_ACCESS_TOKEN, claims.toJSONObject()));
        } catch (ParseException | BadJOSEException | JOSEException notOurs) {
            return Optional.empty();
        }
    }

    /**
     * An ID token of ours used as {@code id_token_hint} (OIDC RP-Initiated Logout §2): signed by a published
     * key, our issuer; an expired one still says who it was for.
     */
    public Optional<JWTClaimsSet> idTokenHint(String token, String issuer) {
        var processor = new DefaultJWTProcessor<SecurityContext>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, new ImmutableJWKSet<>(keys.publicKeys())));
        processor.setJWTClaimsSetVerifier((claims, context) -> {
            if (!issuer.equals(claims.getIssuer()) || claims.getAudience().size() != 1
                    || claims.getClaim("client_id") != null || claims.getClaim("scope") != null) {
                throw new BadJWTException("not an ID token of this issuer"); // access tokens have client_id, scope
            }
        });
        try {
            return Optional.of(processor.process(token, null));
        } catch (ParseException | BadJOSEException | JOSEException notOurs) {
            return Optional.empty();
        }
    }

    private static InspectedToken fromGrant(Grant grant) {
        try {
            var kind = grant.type() == GrantType.REFRESH_TOKEN ? Kind.REFRESH_TOKEN : Kind.REFERENCE_ACCESS_TOKEN;
            return new InspectedToken(kind, JSONObjectUtils.parse(grant.data()));
        } catch (ParseException e) {
            throw new IllegalStateException("stored grant data is not JSON", e);
        }
    }

    private static boolean isJwt(String token) {
        return token.chars().filter(c -> c == '.').count() == 2; // a JWS in compact form; handles have no dots
    }
}
