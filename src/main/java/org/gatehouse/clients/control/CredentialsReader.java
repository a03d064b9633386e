package org.gatehouse.clients.control;

import static org.gatehouse.protocol.entity.ErrorCode.INVALID_CLIENT;
import static org.gatehouse.protocol.entity.ErrorCode.INVALID_REQUEST;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.auth.JWTAuthentication;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.Optional;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.clients.entity.Credentials;
import org.gatehouse.protocol.control.FormParser;
import org.gatehouse.protocol.entity.Form;
import org.gatehouse.protocol.entity.OAuthError;
import org.gatehouse.protocol.entity.Outcome;
import org.gatehouse.protocol.entity.Parameters;

/**
 * Reads client credentials from a request (RFC 6749 §2.3): HTTP Basic, {@code client_id} and {@code client_secret}
 * in the form, or a JWT client assertion (RFC 7523 §2.2: {@code private_key_jwt}, or {@code client_secret_jwt} when
 * its algorithm is a MAC); never two of them.
 */
public final class CredentialsReader {

    private static final int MAX_SECRET = 500;

    /** Room for an RS512 assertion with a certificate chain in its header, and no more. */
    private static final int MAX_ASSERTION = 8192;

    /** The form parameters of client authentication (RFC 6749 §2.3.1, RFC 7521 §4.2), with their bounds. */
    public static final Parameters PARAMETERS = Parameters.of(Parameters.single("client_id", Client.MAX_ID_LENGTH),
            Parameters.single("client_secret", MAX_SECRET), Parameters.single("client_assertion_type", 100),
            Parameters.single("client_assertion", MAX_ASSERTION));

    private CredentialsReader() {
    }

    /** @param authorization the {@code Authorization} header, or null */
    public static Outcome<Credentials> read(String authorization, Form form) {
        var bodyId = form.value("client_id");
        var bodySecret = form.value("client_secret");
        if (form.value("client_assertion").isPresent() || form.value("client_assertion_type").isPresent()) {
            if (isBasic(authorization) || bodySecret.isPresent()) {
                return Outcome.failure(new OAuthError(INVALID_REQUEST,
                        "the client authenticated with a client_assertion and a secret; use one method (RFC 6749 section 2.3)"));
            }
            return assertion(bodyId, form);
        }
        Credentials credentials;
        if (isBasic(authorization)) {
            var basic = decodeBasic(authorization.substring(6).trim());
            if (basic.isEmpty()) {
                return Outcome.failure(new OAuthError(INVALID_CLIENT, "malformed HTTP Basic credentials (RFC 6749 section 2.3.1)"));
            }
            if (bodySecret.isPresent()) {
                return Outcome.failure(new OAuthError(INVALID_REQUEST,
                        "the client authenticated with both HTTP Basic and client_secret; use one method (RFC 6749 section 2.3)"));
            }
            if (bodyId.isPresent() && !bodyId.get().equals(basic.get()[0])) {
                return Outcome.failure(new OAuthError(INVALID_REQUEST, "client_id differs from the HTTP Basic user name"));
            }
            credentials = new Credentials(basic.get()[0], basic.get()[1], Credentials.CLIENT_SECRET_BASIC);
        } else if (bodyId.isPresent()) {
            credentials = new Credentials(bodyId.get(), bodySecret.orElse(null),
                    bodySecret.isPresent() ? Credentials.CLIENT_SECRET_POST : Credentials.NONE);
        } else {
            return Outcome.failure(new OAuthError(INVALID_CLIENT, "no client authentication included"));
        }
        if (credentials.id().length() > Client.MAX_ID_LENGTH
                || (credentials.secret() != null && credentials.secret().length() > MAX_SECRET)) {
            return Outcome.failure(new OAuthError(INVALID_CLIENT, "invalid client credentials"));
        }
        return Outcome.success(credentials);
    }

    /**
     * RFC 7521 §4.2 and RFC 7523 §3: the assertion names the client in {@code sub} ({@code client_id} is optional and,
     * when sent, the same). Only read here; {@code ClientAssertions} verifies it.
     */
    private static Outcome<Credentials> assertion(Optional<String> clientId, Form form) {
        var type = form.value("client_assertion_type");
        var assertion = form.value("client_assertion");
        if (type.isEmpty() || assertion.isEmpty()) {
            return Outcome.failure(new OAuthError(INVALID_REQUEST,
                    "client_assertion and client_assertion_type go together (RFC 7521 section 4.2)"));
        }
        if (!JWTAuthentication.CLIENT_ASSERTION_TYPE.equals(type.get())) {
            return Outcome.failure(new OAuthError(INVALID_CLIENT, "unsupported client_assertion_type; Gatehouse takes "
                    + JWTAuthentication.CLIENT_ASSERTION_TYPE));
        }
        SignedJWT jwt;
        String subject;
        try {
            jwt = SignedJWT.parse(assertion.get());
            subject = jwt.getJWTClaimsSet().getSubject();
        } catch (ParseException e) {
            return Outcome.failure(new OAuthError(INVALID_CLIENT, "the client_assertion is not a signed JWT"));
        }
        if (subject == null || subject.length() > Client.MAX_ID_LENGTH) {
            return Outcome.failure(new OAuthError(INVALID_CLIENT, "the client_assertion names no client in sub"));
        }
        if (clientId.isPresent() && !clientId.get().equals(subject)) {
            return Outcome.failure(new OAuthError(INVALID_CLIENT, "client_id differs from the client_assertion's sub"));
        }
        boolean mac = JWSAlgorithm.Family.HMAC_SHA.contains(jwt.getHeader().getAlgorithm());
        return Outcome.success(new Credentials(subject, assertion.get(),
                mac ? Credentials.CLIENT_SECRET_JWT : Credentials.PRIVATE_KEY_JWT));
    }

    static boolean isBasic(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
    }

    /**
     * RFC 6749 §2.3.1: the id and secret are form-urlencoded before they are joined with ":" and Base64'd.
     * Decoded leniently, as Duende does: many clients send a secret like {@code 50%off} unencoded, and a
     * "%" that starts no valid escape is kept as it is. An empty secret counts as none.
     */
    static Optional<String[]> decodeBasic(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        String id = decodeLeniently(decoded.substring(0, colon));
        String secret = decodeLeniently(decoded.substring(colon + 1));
        if (id.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new String[] {id, secret.isEmpty() ? null : secret});
    }

    private static String decodeLeniently(String value) {
        String decoded = FormParser.decode(value);
        return decoded != null ? decoded : value;
    }
}
