package org.gatehouse.jar.control;

import static org.gatehouse.protocol.entity.ErrorCode.INVALID_REQUEST;
import static org.gatehouse.protocol.entity.ErrorCode.INVALID_REQUEST_OBJECT;
import static org.gatehouse.protocol.entity.ErrorCode.REQUEST_NOT_SUPPORTED;
import static org.gatehouse.protocol.entity.ErrorCode.REQUEST_URI_NOT_SUPPORTED;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.RSADecrypter;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWEDecryptionKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.PrivateKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.gatehouse.clients.control.ClientAssertions;
import org.gatehouse.clients.control.ClientKeys;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.clients.entity.FapiProfile;
import org.gatehouse.configuration.entity.Feature;
import org.gatehouse.configuration.entity.Features;
import org.gatehouse.configuration.entity.GatehouseSettings;
import org.gatehouse.keys.control.NativeCrypto;
import org.gatehouse.keys.control.SigningKeys;
import org.gatehouse.keys.entity.KeyManagementOptions;
import org.gatehouse.par.control.PushedRequests;
import org.gatehouse.protocol.entity.ErrorCode;
import org.gatehouse.protocol.entity.Form;
import org.gatehouse.protocol.entity.OAuthError;
import org.gatehouse.protocol.entity.Outcome;
import org.gatehouse.replay.control.ReplayGuard;
import org.gatehouse.resources.entity.StandardIdentityResources;

/**
 * Request objects (RFC 9101, OIDC Core §6): the authorization request as the claims of a JWT the client signed, sent
 * by value ({@code request}) or by reference ({@code request_uri}, {@link RequestObjectFetcher}). Verified with
 * Nimbus's JWT processor against the client's keys ({@link ClientKeys}: RS, PS, ES, or HS with a shared secret it
 * references); {@code alg: none} only for a client that allows unsigned objects, and never as a signed one. A signed
 * object must name Gatehouse in {@code aud} (RFC 8725 §3.9: else another server that trusts the same key could be
 * sent it); {@code iss} and {@code client_id}, when present, must be the client; {@code exp} and {@code nbf} are
 * checked when present, and a {@code jti} is accepted once across every node.
 */
@ApplicationScoped
public class RequestObjects {

    /** The algorithms accepted, and advertised ({@code request_object_signing_alg_values_supported}). */
    public static final List<JWSAlgorithm> ALGORITHMS = Stream.concat(ClientAssertions.ALGORITHMS.stream(),
            ClientAssertions.MAC_ALGORITHMS.stream()).toList();

    /** The longest request object read; a signed one with a certificate chain in its header fits. */
    public static final int MAX_LENGTH = 20_000;

    /** RFC 9101 §6.1: what an encrypted request object may be encrypted with, to Gatehouse's RSA-OAEP-256 key. */
    public static final List<EncryptionMethod> ENCRYPTION_METHODS = List.of(EncryptionMethod.A128CBC_HS256,
            EncryptionMethod.A256CBC_HS512, EncryptionMethod.A128GCM, EncryptionMethod.A256GCM);

    /** RFC 9101 §10.8: the explicit type, which Duende's {@code StrictJarValidation} requires. */
    static final JOSEObjectType TYPE = new JOSEObjectType("oauth-authz-req+jwt");

    /** The clock skew allowed on {@code exp} and {@code nbf}. */
    private static final Duration SKEW = Duration.ofSeconds(60);

    /** How long a {@code jti} is remembered when the object has no {@code exp}. */
    private static final Duration REMEMBERED_WITHOUT_EXPIRY = Duration.ofHours(1);

    /** JWT claims that are no authorization parameters. */
    private static final Set<String> JWT_CLAIMS = Set.of("iss", "aud", "exp", "nbf", "iat", "jti", "sub");

    @Inject
    ClientKeys clientKeys;

    @Inject
    RequestObjectFetcher fetcher;

    @Inject
    ReplayGuard replays;

    @Inject
    Features features;

    @Inject
    GatehouseSettings settings;

    @Inject
    SigningKeys serverKeys;

    @Inject
    Clock clock;

    /** Duende's {@code StrictJarValidation}: only objects typed {@code oauth-authz-req+jwt}. */
    boolean strict;

    @PostConstruct
    void init() {
        strict = settings.strictJarValidation();
    }

    /** The request's parameters, and whether they came from an object the client signed. */
    public record Unwrapped(Form parameters, boolean signed) {
    }

    /** Whether {@code sent} carries a request object, by value or by a reference that is not {@code connect/par}'s. */
    public static boolean carriesObject(Form sent) {
        return sent.value("request").isPresent() || sent.value("request_uri").filter(uri -> !PushedRequests.isPushed(uri)).isPresent();
    }

    /**
     * The authorization request {@code sent} by {@code client}: the parameters of its request object, or as sent when
     * it has none. OIDC Core §6.3.3 lets parameters outside the object stand where the object does not name them,
     * RFC 9101 §6.3 does not; Gatehouse merges them for an OpenID request only, and never when the client requires
     * request objects or pushes the request (RFC 9126 §3: outside the object are only client credentials).
     *
     * @param pushed whether the request is being pushed to {@code connect/par}
     */
    public Outcome<Unwrapped> unwrap(Client client, Form sent, String issuer, boolean pushed) {
        var byValue = sent.value("request");
        var byReference = sent.value("request_uri");
        if (byValue.isEmpty() && byReference.isEmpty()) {
            return Outcome.success(new Unwrapped(sent, false));
        }
        if (byValue.isPresent() && byReference.isPresent()) {
            return failure(INVALID_REQUEST, "request and request_uri cannot be used together (RFC 9101 section 5)");
        }
        if (byValue.isPresent() && !features.isOn(Feature.REQUEST_OBJECTS)) {
            return failure(REQUEST_NOT_SUPPORTED, "request objects are not supported");
        }
        if (byReference.isPresent() && pushed) {
            return failure(INVALID_REQUEST, "a pushed authorization request cannot have a request_uri (RFC 9126 section 2.1)");
        }
        if (byReference.isPresent() && !(features.isOn(Feature.JWT_REQUEST_URI) && features.isOn(Feature.REQUEST_OBJECTS))) {
            return failure(REQUEST_URI_NOT_SUPPORTED, "request_uri is not supported");
        }
        var object = byValue.map(Outcome::success).orElseGet(() -> fetcher.fetch(client, byReference.get(), strict));
        boolean onlyTheObject = pushed || client.authorize().requireRequestObject();
        return object.then(jwt -> verified(client, jwt, issuer)).map(verified -> new Unwrapped(
                merged(parameters(client, verified.claims()), sent, onlyTheObject), verified.signed()));
    }

    private record Verified(JWTClaimsSet claims, boolean signed) {
    }

    private Outcome<Verified> verified(Client client, String object, String issuer) {
        if (object.length() > MAX_LENGTH) {
            return failure(INVALID_REQUEST_OBJECT, "the request object is longer than " + MAX_LENGTH + " characters");
        }
        JWT jwt;
        try {
            jwt = JWTParser.parse(object);
        } catch (ParseException e) {
            return failure(INVALID_REQUEST_OBJECT, "the request object is not a JWT");
        }
        Instant now = clock.instant();
        if (jwt instanceof EncryptedJWT encrypted) {
            return decrypted(encrypted).then(nested -> nested instanceof EncryptedJWT
                    ? failure(INVALID_REQUEST_OBJECT, "an encrypted request object must hold a signed one, not another encrypted one")
                    : verified(client, nested, issuer, now));
        }
        return verified(client, jwt, issuer, now);
    }

    /**
     * RFC 9101 §6.1: a request object encrypted to one of Gatehouse's published RSA-OAEP-256 keys (with
     * {@code gatehouse.key-management.request-object-encryption}) holds the signed one (a nested JWT, §4).
     */
    private Outcome<JWT> decrypted(EncryptedJWT encrypted) {
        var decryptionKeys = serverKeys.decryptionKeys();
        if (decryptionKeys.isEmpty()) {
            return failure(INVALID_REQUEST_OBJECT, "encrypted request objects are not accepted here");
        }
        var header = encrypted.getHeader();
        if (!header.getAlgorithm().getName().equals(KeyManagementOptions.REQUEST_OBJECT_ENCRYPTION)
                || !ENCRYPTION_METHODS.contains(header.getEncryptionMethod())) {
            return failure(INVALID_REQUEST_OBJECT, "a request object is encrypted with " + KeyManagementOptions.REQUEST_OBJECT_ENCRYPTION
                    + " and one of " + ENCRYPTION_METHODS + ", not " + header.getAlgorithm() + " " + header.getEncryptionMethod());
        }
        var selector = new JWEDecryptionKeySelector<SecurityContext>(header.getAlgorithm(), header.getEncryptionMethod(),
                new ImmutableJWKSet<>(decryptionKeys));
        try {
            var candidates = selector.selectJWEKeys(header, null);
            for (var key : candidates) {
                try {
                    encrypted.decrypt(new RSADecrypter((PrivateKey) key));
                    return Outcome.success(JWTParser.parse(encrypted.getPayload().toString()));
                } catch (JOSEException e) {
                    // the next key, if another one matches (a kid is optional)
                }
            }
        } catch (KeySourceException | ParseException e) {
            return failure(INVALID_REQUEST_OBJECT, "the encrypted request object holds no JWT");
        }
        return failure(INVALID_REQUEST_OBJECT, "the request object is not encrypted to a key of this server's");
    }

    private Outcome<Verified> verified(Client client, JWT jwt, String issuer, Instant now) {
        if (jwt instanceof PlainJWT plain) {
            if (!client.authorize().allowUnsignedRequestObjects()) {
                return failure(INVALID_REQUEST_OBJECT, "the request object must be signed (alg none is not accepted)");
            }
            try {
                var claims = plain.getJWTClaimsSet();
                claimsVerifier(issuer, now, false).verify(claims, null);
                return checked(client, claims, now, false);
            } catch (ParseException | BadJOSEException e) {
                return failure(INVALID_REQUEST_OBJECT, "the request object's claims are invalid");
            }
        }
        var keys = clientKeys.of(client, now);
        if (keys.isEmpty()) {
            return failure(INVALID_REQUEST_OBJECT, "the client has no key to verify request objects with");
        }
        var processor = new DefaultJWTProcessor<SecurityContext>();
        processor.setJWSTypeVerifier(strict ? new DefaultJOSEObjectTypeVerifier<>(TYPE)
                : new DefaultJOSEObjectTypeVerifier<>(TYPE, JOSEObjectType.JWT, null));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.copyOf(ALGORITHMS), new ImmutableJWKSet<>(keys)));
        processor.setJWSVerifierFactory(NativeCrypto.verifierFactory());
        processor.setJWTClaimsSetVerifier(claimsVerifier(issuer, now, true));
        var algorithm = ((SignedJWT) jwt).getHeader().getAlgorithm().getName();
        if (client.fapi().applies() && !FapiProfile.ALGORITHMS.contains(algorithm)) { // FAPI 2.0 Security Profile §5.4.1
            return failure(INVALID_REQUEST_OBJECT, "the client's FAPI 2.0 profile allows PS256 or ES256, not " + algorithm);
        }
        try {
            return checked(client, processor.process((SignedJWT) jwt, null), now, true);
        } catch (BadJOSEException | JOSEException e) {
            // Nimbus's messages name what failed (signature, audience, expiry) and hold no secret.
            return failure(INVALID_REQUEST_OBJECT, "the request object is not valid: " + e.getMessage());
        }
    }

    /** {@code exp} and {@code nbf} when present, on Gatehouse's clock; a signed object's {@code aud} naming Gatehouse. */
    private static DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier(String issuer, Instant now, boolean signed) {
        // HashSets: Nimbus asks them whether they contain null, which Set.of answers with an exception.
        var verifier = new DefaultJWTClaimsVerifier<SecurityContext>(signed ? new HashSet<>(List.of(issuer)) : null,
                null, signed ? new HashSet<>(List.of("aud")) : null, null) {
            @Override
            protected Date currentTime() {
                return Date.from(now);
            }
        };
        verifier.setMaxClockSkew((int) SKEW.toSeconds());
        return verifier;
    }

    /** The client's own object (OIDC Core §6.1, RFC 9101 §6.3), used once when it says which one it is. */
    private Outcome<Verified> checked(Client client, JWTClaimsSet claims, Instant now, boolean signed) {
        if (client.fapi().applies() && !withinFapiLifetime(claims, now)) {
            return failure(INVALID_REQUEST_OBJECT, "a FAPI 2.0 client's request object needs nbf and exp, at most 60 minutes"
                    + " apart, and nbf no more than 60 minutes ago");
        }
        for (String claim : List.of("iss", "client_id")) {
            Object value = claims.getClaim(claim);
            if (value != null && !client.clientId().equals(value)) {
                return failure(INVALID_REQUEST_OBJECT, "the request object's " + claim + " is not the client");
            }
        }
        if (claims.getClaim("request") != null || claims.getClaim("request_uri") != null) { // OIDC Core §6.1
            return failure(INVALID_REQUEST_OBJECT, "a request object cannot hold request or request_uri");
        }
        if (claims.getClaim("jti") != null) {
            var expires = Optional.ofNullable(claims.getExpirationTime()).map(Date::toInstant);
            var keep = expires.map(exp -> Duration.between(now, exp).plus(SKEW)).orElse(REMEMBERED_WITHOUT_EXPIRY);
            if (!replays.firstUse("request-object", client.clientId() + " " + claims.getClaim("jti"), keep)) {
                return failure(INVALID_REQUEST_OBJECT, "the request object was used before (its jti is known)");
            }
        }
        return Outcome.success(new Verified(claims, signed));
    }

    /** FAPI 2.0 Message Signing §5.3.1 (as FAPI 1.0 Advanced §5.2.2): a bounded, recent request object. */
    private static boolean withinFapiLifetime(JWTClaimsSet claims, Instant now) {
        var nbf = claims.getNotBeforeTime();
        var exp = claims.getExpirationTime();
        return nbf != null && exp != null
                && Duration.between(nbf.toInstant(), exp.toInstant()).getSeconds() <= FapiProfile.MAX_REQUEST_OBJECT_LIFETIME
                && !nbf.toInstant().isBefore(now.minusSeconds(FapiProfile.MAX_REQUEST_OBJECT_LIFETIME));
    }

    /**
     * The object's claims as authorization parameters: strings as they are, numbers ({@code max_age}) and booleans as
     * text, a list of strings ({@code resource}, RFC 8707) as repeated values, and JSON ({@code claims}) serialized.
     */
    private static Form parameters(Client client, JWTClaimsSet claims) {
        var parameters = new LinkedHashMap<String, List<String>>();
        for (var claim : claims.getClaims().entrySet()) {
            if (JWT_CLAIMS.contains(claim.getKey()) || claim.getValue() == null) {
                continue;
            }
            parameters.put(claim.getKey(), values(claim.getValue()));
        }
        parameters.put("client_id", List.of(client.clientId()));
        return new Form(parameters);
    }

    @SuppressWarnings("unchecked")
    private static List<String> values(Object value) {
        if (value instanceof String text) {
            return List.of(text);
        }
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return (List<String>) list;
        }
        if (value instanceof Map<?, ?> map) {
            return List.of(JSONObjectUtils.toJSONString((Map<String, ?>) map));
        }
        if (value instanceof List<?> list) {
            return List.of(JSONArrayUtils.toJSONString(list));
        }
        return List.of(String.valueOf(value));
    }

    /** The object's parameters, and for an OpenID request that may merge, those sent beside it that it does not name. */
    private static Form merged(Form object, Form sent, boolean onlyTheObject) {
        boolean openId = object.value("scope").map(scope -> Arrays.asList(scope.split(" "))
                .contains(StandardIdentityResources.OPENID)).orElse(false);
        if (onlyTheObject || !openId) {
            return object;
        }
        var merged = new LinkedHashMap<>(object.parameters());
        sent.without(Set.of("request", "request_uri")).parameters().forEach(merged::putIfAbsent);
        return new Form(merged);
    }

    private static <T> Outcome<T> failure(ErrorCode code, String description) {
        return Outcome.failure(new OAuthError(code, description));
    }
}
