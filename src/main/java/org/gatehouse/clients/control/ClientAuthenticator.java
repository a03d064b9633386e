package org.gatehouse.clients.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.gatehouse.clients.entity.AuthenticatedClient;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.protocol.control.FormParser;
import org.gatehouse.protocol.entity.Form;
import org.gatehouse.protocol.entity.OAuthError;
import org.gatehouse.protocol.entity.Outcome;

/**
 * Client authentication at the token endpoint (RFC 6749 §2.3): {@code client_secret_basic},
 * {@code client_secret_post}, or none for a public client. Failures say as little as possible.
 */
@ApplicationScoped
public class ClientAuthenticator {

    private static final int MAX_SECRET = 500;

    @Inject
    ClientStore clients;

    @Inject
    Clock clock;

    /** @param authorization the {@code Authorization} header, or null */
    public Outcome<AuthenticatedClient> authenticate(String authorization, Form form) {
        String clientId;
        String secret;
        String method;
        var bodyId = form.value("client_id");
        var bodySecret = form.value("client_secret");
        if (isBasic(authorization)) {
            var basic = decodeBasic(authorization.substring(6).trim());
            if (basic.isEmpty()) {
                return Outcome.failure(OAuthError.invalidClient("malformed HTTP Basic credentials (RFC 6749 section 2.3.1)"));
            }
            if (bodySecret.isPresent()) {
                return Outcome.failure(OAuthError.invalidRequest(
                        "the client authenticated with both HTTP Basic and client_secret; use one method (RFC 6749 section 2.3)"));
            }
            if (bodyId.isPresent() && !bodyId.get().equals(basic.get()[0])) {
                return Outcome.failure(OAuthError.invalidRequest("client_id differs from the HTTP Basic user name"));
            }
            clientId = basic.get()[0];
            secret = basic.get()[1];
            method = AuthenticatedClient.CLIENT_SECRET_BASIC;
        } else {
            if (bodyId.isEmpty()) {
                return Outcome.failure(OAuthError.invalidClient("no client authentication included"));
            }
            clientId = bodyId.get();
            secret = bodySecret.orElse(null);
            method = secret == null ? AuthenticatedClient.NONE : AuthenticatedClient.CLIENT_SECRET_POST;
        }
        if (clientId.length() > Client.MAX_ID_LENGTH || (secret != null && secret.length() > MAX_SECRET)) {
            return Outcome.failure(OAuthError.invalidClient("invalid client credentials"));
        }
        var client = clients.find(clientId).filter(Client::enabled);
        if (client.isEmpty()) {
            return Outcome.failure(OAuthError.invalidClient("invalid client credentials"));
        }
        if (secret == null) {
            return client.get().requireClientSecret()
                    ? Outcome.failure(OAuthError.invalidClient("this client must authenticate with its secret"))
                    : Outcome.success(new AuthenticatedClient(client.get(), AuthenticatedClient.NONE));
        }
        if (!secretMatches(client.get(), secret, clock.instant())) {
            return Outcome.failure(OAuthError.invalidClient("invalid client credentials"));
        }
        return Outcome.success(new AuthenticatedClient(client.get(), method));
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

    /** Compares hashes in constant time; every unexpired shared secret is tried. */
    private static boolean secretMatches(Client client, String secret, Instant now) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        byte[] sha256 = null;
        byte[] sha512 = null;
        boolean matched = false;
        for (var stored : client.secrets()) {
            if (!stored.isSharedSecret() || stored.isExpiredAt(now)) {
                continue;
            }
            byte[] presented;
            if (stored.hash().length == 32) {
                presented = sha256 == null ? (sha256 = digest("SHA-256", bytes)) : sha256;
            } else {
                presented = sha512 == null ? (sha512 = digest("SHA-512", bytes)) : sha512;
            }
            matched |= MessageDigest.isEqual(presented, stored.hash());
        }
        return matched;
    }

    private static byte[] digest(String algorithm, byte[] input) {
        try {
            return MessageDigest.getInstance(algorithm).digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JDK has SHA-256 and SHA-512
        }
    }
}
