package org.gatehouse.keys.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.gatehouse.keys.entity.KeyManagementOptions;

/**
 * Message authentication for values Gatehouse hands out and must recognise later on any node (device cookies,
 * for one): HMAC-SHA256 under a key per purpose, derived from the configured encryption key, so that every
 * node sharing the configuration computes the same. Without an encryption key (development only) the key is
 * random per node and start: values then stop verifying after a restart.
 */
@ApplicationScoped
public class MacKeys {

    private static final byte[] SALT = "gatehouse message authentication, version 1".getBytes(StandardCharsets.UTF_8);
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    @Inject
    KeyManagementOptions options;

    private byte[] master;

    @PostConstruct
    void init() {
        if (options.encryptionKey() == null) {
            master = new byte[32];
            new SecureRandom().nextBytes(master);
            return;
        }
        try {
            var spec = new PBEKeySpec(options.encryptionKey().toCharArray(), SALT, 210_000, 256);
            master = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot derive the message authentication key", e);
        }
    }

    /** The base64url MAC of {@code message} for {@code purpose}; different purposes never share a MAC. */
    public String mac(String purpose, String message) {
        byte[] purposeKey = hmac(master, purpose);
        return BASE64URL.encodeToString(hmac(purposeKey, message));
    }

    /** Whether {@code mac} is {@code message}'s, compared in constant time. */
    public boolean matches(String purpose, String message, String mac) {
        return mac != null && MessageDigest.isEqual(mac(purpose, message).getBytes(StandardCharsets.US_ASCII),
                mac.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            var hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            return hmac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
