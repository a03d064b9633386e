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
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.gatehouse.grants.entity.GrantType;
import org.gatehouse.keys.entity.KeyManagementOptions;
import org.gatehouse.protocol.control.Digests;

/**
 * Encrypts grant data (claims, session data) at rest as JWE (dir, A256GCM) under a key derived once, at
 * start-up, from the encryption key that also protects signing keys; keys derived from the previous encryption
 * keys still decrypt what they encrypted, named by the JWE's {@code kid}. The derivation is slow on purpose
 * (PBKDF2, 210,000 iterations) and paid once; each grant then costs one AES-GCM operation.
 */
@ApplicationScoped
public class GrantDataProtector {

    private static final byte[] SALT = "gatehouse grant data, version 1".getBytes(StandardCharsets.UTF_8);

    /** The protected header parameter naming the row the data belongs to. */
    private static final String ROW = "gatehouse-row";

    @Inject
    KeyManagementOptions options;

    private String currentKeyId;
    private DirectEncrypter encrypter;
    /** By key id ({@code kid} of the JWE header): the current key's decrypter and the previous keys'. */
    private final Map<String, DirectDecrypter> decrypters = new HashMap<>();

    @PostConstruct
    void init() {
        if (options.encryptionKey() == null) {
            return;
        }
        try {
            var current = derive(options.encryptionKey());
            currentKeyId = keyId(current);
            encrypter = new DirectEncrypter(current);
            decrypters.put(currentKeyId, new DirectDecrypter(current));
            for (String previous : options.previousEncryptionKeys()) {
                var key = derive(previous);
                decrypters.putIfAbsent(keyId(key), new DirectDecrypter(key));
            }
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IllegalStateException("cannot derive the grant data key", e);
        }
    }

    private static SecretKey derive(String encryptionKey) throws GeneralSecurityException {
        var spec = new PBEKeySpec(encryptionKey.toCharArray(), SALT, 210_000, 256);
        return new SecretKeySpec(SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded(), "AES");
    }

    /** Names a derived key without revealing anything of it: the start of its SHA-256. */
    private static String keyId(SecretKey key) {
        return HexFormat.of().formatHex(Digests.digest("SHA-256", key.getEncoded()), 0, 8);
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
            var header = new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM).keyID(currentKeyId)
                    .customParam(ROW, row).build();
            var jwe = new JWEObject(header, new Payload(json));
            jwe.encrypt(encrypter);
            return jwe.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot encrypt grant data", e);
        }
    }

    /**
     * The data of {@code row}, or empty when Gatehouse did not write it there: in clear although an encryption key
     * is set, or encrypted for another row. Data in clear is read while no key is set (development); data encrypted
     * under a previous key is read until it has been encrypted again ({@link #reprotect}).
     */
    public Optional<String> unprotect(String stored, String row) {
        if (stored.startsWith("{")) {
            return encrypter == null ? Optional.of(stored) : Optional.empty();
        }
        if (encrypter == null) {
            throw new IllegalStateException("grant data is encrypted, but gatehouse.key-management.encryption-key is not set");
        }
        try {
            var jwe = JWEObject.parse(stored);
            var decrypter = decrypters.get(jwe.getHeader().getKeyID() == null ? currentKeyId : jwe.getHeader().getKeyID());
            if (decrypter == null) {
                throw new IllegalStateException("grant data is encrypted under a key that is neither the encryption key nor"
                        + " one of the previous encryption keys");
            }
            jwe.decrypt(decrypter);
            return row.equals(jwe.getHeader().getCustomParam(ROW)) ? Optional.of(jwe.getPayload().toString())
                    : Optional.empty();
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("cannot decrypt grant data (was the encryption key changed?)", e);
        }
    }

    /** Whether {@code stored} is encrypted under a previous key, and so due to be encrypted again. */
    public boolean isUnderPreviousKey(String stored) {
        if (encrypter == null || stored.startsWith("{")) {
            return false;
        }
        try {
            String keyId = JWEObject.parse(stored).getHeader().getKeyID();
            return keyId != null && !keyId.equals(currentKeyId) && decrypters.containsKey(keyId);
        } catch (ParseException e) {
            return false;
        }
    }

    /** {@code stored} encrypted under the current key, for the same row; empty when it is not that row's. */
    public Optional<String> reprotect(String stored, String row) {
        return unprotect(stored, row).map(json -> protect(json, row));
    }

    /** A grant's row: its handle's hash, its type and its subject. */
    public static String row(String keyHash, GrantType type, String subjectId) {
        return keyHash + " " + type + " " + (subjectId == null ? "" : subjectId);
    }
}
