package org.gatehouse.clients.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.X509CertUtils;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;
import org.gatehouse.appsettings.SettingsNode;
import org.gatehouse.clients.entity.Secret;
import org.gatehouse.protocol.control.Digests;

/** Reads Duende {@code Secret} lists ({@code ClientSecrets}, {@code ApiSecrets}). */
public final class SecretReader {

    /** Duende's {@code IdentityServerConstants.SecretTypes} ("JsonWebKey" is accepted for "JWK"), and Gatehouse's reference. */
    private static final Set<String> KNOWN_TYPES = Set.of(Secret.SHARED_SECRET, Secret.JSON_WEB_KEY, Secret.X509_THUMBPRINT,
            Secret.X509_NAME, Secret.X509_CERTIFICATE, Secret.SHARED_SECRET_REFERENCE);

    /** {@code ${name}}: a MicroProfile Config property name, which the environment, a Payara password alias, … can supply. */
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{[A-Za-z0-9._-]{1,200}\\}");

    private static final Pattern SHA1_HEX = Pattern.compile("[0-9A-Fa-f]{40}");

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
                type = Secret.JSON_WEB_KEY;
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
            JWK key = null;
            if (Secret.SHARED_SECRET.equals(type)) {
                hash = decodeHash(value);
                if (hash == null) {
                    node.field("Value").error("must be the Base64 of the SHA-256 (or SHA-512) of the secret, as Duende"
                            + " stores it; hash a plain secret with: printf %s 'secret' | openssl dgst -sha256 -binary | base64");
                    continue;
                }
            } else if (Secret.JSON_WEB_KEY.equals(type) || Secret.X509_CERTIFICATE.equals(type)) {
                key = publicKey(type, value, node);
                if (key == null) {
                    continue;
                }
            } else if (Secret.SHARED_SECRET_REFERENCE.equals(type)) {
                if (!REFERENCE.matcher(value.trim()).matches()) {
                    node.field("Value").error("must name the MicroProfile Config property that holds the secret, as"
                            + " ${gatehouse.secrets.my-client}; the secret itself does not belong in this file, which is kept"
                            + " in the database");
                    continue;
                }
            } else if (Secret.X509_NAME.equals(type)) {
                try {
                    new X500Principal(value.trim());
                } catch (IllegalArgumentException e) {
                    node.field("Value").error("is not an X.500 distinguished name such as \"CN=client, O=company\": "
                            + e.getMessage());
                    continue;
                }
            } else if (!SHA1_HEX.matcher(value.trim()).matches()) { // X509Thumbprint
                node.field("Value").error("must be the SHA-1 thumbprint of the certificate, 40 hexadecimal digits"
                        + " (openssl x509 -noout -fingerprint -sha1, without the colons)");
                continue;
            }
            if (hash != null && isGuessable(hash)) {
                node.field("Value").warning("is the hash of a well-known guessable secret (the demo's \"secret\" is one):"
                        + " demo only; use at least 128 random bits, e.g. openssl rand -base64 32");
            }
            secrets.add(new Secret(type, value.trim(), hash, key, node.instant("Expiration"), node.string("Description")));
        }
        return List.copyOf(secrets);
    }

    /**
     * The RSA or EC public key of a JWK (JSON, as Duende takes it) or of a certificate (Base64 DER), or null after
     * an error. A private JWK's public half is used, with a warning: a private key belongs to the client alone.
     */
    private static JWK publicKey(String type, String value, SettingsNode node) {
        JWK key;
        try {
            key = Secret.JSON_WEB_KEY.equals(type) ? JWK.parse(value)
                    : JWK.parse(X509CertUtils.parseWithException(Base64.getDecoder().decode(value.trim())));
        } catch (ParseException | CertificateException | IllegalArgumentException | JOSEException e) {
            node.field("Value").error(Secret.JSON_WEB_KEY.equals(type) ? "is not a JSON Web Key (RFC 7517): " + e.getMessage()
                    : "is not the Base64 of a DER X.509 certificate: " + e.getMessage());
            return null;
        }
        if (!(key instanceof RSAKey) && !(key instanceof ECKey)) {
            node.field("Value").error("is a " + key.getKeyType() + " key; private_key_jwt takes RSA and EC keys");
            return null;
        }
        if (key.isPrivate()) {
            node.field("Value").warning("holds a private key: only its public part is used; the private key belongs with"
                    + " the client alone, remove it from this file");
        }
        return key.toPublicJWK();
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
