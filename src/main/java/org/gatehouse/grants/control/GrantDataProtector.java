package org.gatehouse.grants.control;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.ParseException;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.gatehouse.grants.entity.GrantType;
import org.gatehouse.keys.entity.KeyManagementOptions;

/**
 * Encrypts grant data (claims, session data) at rest as JWE (dir, A256GCM) under a key derived once, at
 * start-up, from the encryption key that also protects signing keys. The derivation is slow on purpose
 * (PBKDF2, 210,000 iterations) and paid once; each grant then costs one AES-GCM operation.
 */
@ApplicationScoped
public class GrantDataProtector {

    private static final byte[] SALT = "gatehouse grant data, version 1".getBytes(StandardCharsets.UTF_8);

    /** The protected header parameter naming the row the data belongs to. */
    private static final String ROW = "gatehouse-row";

    @Inject
    KeyManagementOptions options;

    private DirectEncrypter encrypter;
    private DirectDecrypter decrypter;

    @PostConstruct
    void init() {
        if (options.encryptionKey() == null) {
            return;
        }
        try {
            var spec = new PBEKeySpec(options.encryptionKey().toCharArray(), SALT, 210_000, 256);
            SecretKey key = new SecretKeySpec(
                    SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded(), "AES");
            encrypter = new DirectEncrypter(key);
            decrypter = new DirectDecrypter(key);
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IllegalStateException("cannot derive the grant data key", e);
        }
    }

    /**
     * @param row what the data belongs to ({@link #row}): carried in the JWE's protected header, which AES-GCM
     *            authenticates, so the ciphertext cannot be moved to another row
     */
    public String protect(String json, String row) {
        if (encrypter == null) {
            return json;
        }
        try {
            var header = new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM).customParam(ROW, row).build();
            var jwe = new JWEObject(header, new Payload(json));
            jwe.encrypt(encrypter);
            return jwe.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot encrypt grant data", e);
        }
    }

    /**
     * The data of {@code row}, or empty when Gatehouse did not write it there: in clear although an encryption key
     * is set, or encrypted for another row. Data in clear is read while no key is set (development).
     */
    public Optional<String> unprotect(String stored, String row) {
        if (stored.startsWith("{")) {
            return decrypter == null ? Optional.of(stored) : Optional.empty();
        }
        if (decrypter == null) {
            throw new IllegalStateException("grant data is encrypted, but gatehouse.key-management.encryption-key is not set");
        }
        try {
            var jwe = JWEObject.parse(stored);
            jwe.decrypt(decrypter);
            return row.equals(jwe.getHeader().getCustomParam(ROW)) ? Optional.of(jwe.getPayload().toString())
                    : Optional.empty();
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("cannot decrypt grant data (was the encryption key changed?)", e);
        }
    }

    /** A grant's row: its handle's hash, its type and its subject. */
    public static String row(String keyHash, GrantType type, String subjectId) {
        return keyHash + " " + type + " " + (subjectId == null ? "" : subjectId);
    }
}
