package org.gatehouse.clients.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.gatehouse.appsettings.SettingsNode;
import org.gatehouse.clients.entity.Secret;
import org.gatehouse.protocol.control.Digests;

/** Reads Duende {@code Secret} lists ({@code ClientSecrets}, {@code ApiSecrets}). */
public final class SecretReader {

    /** Duende's {@code IdentityServerConstants.SecretTypes}; "JsonWebKey" is accepted for "JWK". */
    private static final Set<String> KNOWN_TYPES = Set.of(Secret.SHARED_SECRET, "JWK", "X509Thumbprint", "X509Name",
            "X509CertificateBase64");

    /**
     * Secrets anyone would try first. Gatehouse sees only a secret's hash (Duende's form), so it cannot measure a
     * secret's strength; it can recognise these. A shared secret should be at least 128 random bits (RFC 6749
     * §10.10, RFC 6819 §5.1.4.2.2), e.g. {@code openssl rand -base64 32}.
     */
    private static final List<String> GUESSABLE = List.of("secret", "password", "changeme", "changeit", "admin", "client",
            "test", "123456", "12345678", "secret1", "mysecret", "clientsecret", "client_secret", "P@ssw0rd", "");

    private SecretReader() {
    }

    public static List<Secret> read(SettingsNode list) {
        var secrets = new ArrayList<Secret>();
        for (var node : list.elements()) {
            node.warnAboutUnknownFields(Set.of("value", "type", "expiration", "description"));
            String type = node.string("Type", Secret.SHARED_SECRET);
            if (type.equalsIgnoreCase("JsonWebKey")) {
                type = "JWK";
            }
            String value = node.string("Value");
            if (!KNOWN_TYPES.contains(type)) {
                node.field("Type").error("unknown secret type \"" + type + "\"; known: " + String.join(", ", KNOWN_TYPES));
                continue;
            }
            if (value == null || value.isBlank()) {
                node.field("Value").error("is required");
                continue;
            }
            byte[] hash = null;
            if (Secret.SHARED_SECRET.equals(type)) {
                hash = decodeHash(value);
                if (hash == null) {
                    node.field("Value").error("must be the Base64 of the SHA-256 (or SHA-512) of the secret, as Duende"
                            + " stores it; hash a plain secret with: printf %s 'secret' | openssl dgst -sha256 -binary | base64");
                    continue;
                }
            }
            if (hash == null) { // SecretVerifier checks shared secrets only: this one authenticates nobody (fails closed)
                node.field("Type").warning(type + " secrets are not supported yet (private_key_jwt and mutual TLS):"
                        + " requests authenticating with this secret are refused with invalid_client");
            }
            if (hash != null && isGuessable(hash)) {
                node.field("Value").warning("is the hash of a well-known guessable secret (the demo's \"secret\" is one):"
                        + " demo only; use at least 128 random bits, e.g. openssl rand -base64 32");
            }
            secrets.add(new Secret(type, value, hash, node.instant("Expiration"), node.string("Description")));
        }
        return List.copyOf(secrets);
    }

    private static boolean isGuessable(byte[] hash) {
        for (String guess : GUESSABLE) {
            byte[] bytes = guess.getBytes(StandardCharsets.UTF_8);
            if (MessageDigest.isEqual(hash, Digests.digest(hash.length == 32 ? "SHA-256" : "SHA-512", bytes))) {
                return true;
            }
        }
        return false;
    }

    private static byte[] decodeHash(String value) {
        try {
            byte[] bytes = Base64.getDecoder().decode(value.trim());
            return bytes.length == 32 || bytes.length == 64 ? bytes : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
