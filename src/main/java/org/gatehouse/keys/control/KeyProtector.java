package org.gatehouse.keys.control;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.PasswordBasedDecrypter;
import com.nimbusds.jose.crypto.PasswordBasedEncrypter;
import com.nimbusds.jose.jwk.JWK;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gatehouse.appsettings.ConfigurationException;
import org.gatehouse.keys.entity.SigningKeyRecord;

/**
 * Encrypts private keys at rest as JWE (PBES2-HS512+A256KW, A256GCM: RFC 7518 §4.8) under the
 * configured encryption key; without one, keys are stored as plain JWK JSON (and start-up says so).
 */
public final class KeyProtector {

    /** PBKDF2-HMAC-SHA512 iterations, OWASP's 2023 recommendation; paid once per key per JVM. */
    private static final int ITERATIONS = 210_000;

    private final String encryptionKey;
    private final List<String> previousEncryptionKeys;

    /** @param previousEncryptionKeys keys that still decrypt what they encrypted, until it is encrypted again */
    public KeyProtector(String encryptionKey, List<String> previousEncryptionKeys) {
        this.encryptionKey = encryptionKey;
        this.previousEncryptionKeys = List.copyOf(previousEncryptionKeys);
    }

    public String protection() {
        return encryptionKey == null ? SigningKeyRecord.UNPROTECTED : SigningKeyRecord.JWE;
    }

    public String protect(JWK key) {
        if (encryptionKey == null) {
            return key.toJSONString();
        }
        try {
            var jwe = new JWEObject(new JWEHeader.Builder(JWEAlgorithm.PBES2_HS512_A256KW, EncryptionMethod.A256GCM)
                    .contentType("jwk+json").build(), new Payload(key.toJSONString()));
            jwe.encrypt(new PasswordBasedEncrypter(encryptionKey, 16, ITERATIONS));
            return jwe.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot encrypt a signing key", e);
        }
    }

    /** Whether {@code record} may be used: in clear only while no encryption key is configured. */
    public boolean accepts(SigningKeyRecord record) {
        return encryptionKey == null || !SigningKeyRecord.UNPROTECTED.equals(record.protection());
    }

    /**
     * The key of an accepted record. An encrypted one must decrypt to the key its row names (its kid), so that
     * no ciphertext can be moved to another row.
     */
    public JWK unprotect(SigningKeyRecord record) {
        try {
            if (SigningKeyRecord.UNPROTECTED.equals(record.protection())) {
                return JWK.parse(record.material());
            }
            if (encryptionKey == null) {
                throw new ConfigurationException("signing key " + record.keyId() + " is stored encrypted, but"
                        + " gatehouse.key-management.encryption-key is not set: configure the key it was encrypted with");
            }
            var key = JWK.parse(decrypt(record).orElseThrow(() -> new JOSEException("no configured key decrypts it")));
            if (!record.keyId().equals(key.getKeyID())) {
                throw new ConfigurationException("signing key " + record.keyId() + " holds the ciphertext of another key ("
                        + key.getKeyID() + "): the database was tampered with");
            }
            return key;
        } catch (JOSEException | ParseException e) {
            throw new ConfigurationException("signing key " + record.keyId() + " cannot be decrypted with the configured"
                    + " gatehouse.key-management.encryption-key (was it changed?): " + e.getMessage());
        }
    }

    /** Whether an encrypted record is under the current key rather than a previous one (or none of them). */
    public boolean isUnderCurrentKey(SigningKeyRecord record) {
        try {
            var jwe = JWEObject.parse(record.material());
            jwe.decrypt(new PasswordBasedDecrypter(encryptionKey));
            return true;
        } catch (ParseException | JOSEException e) {
            return false;
        }
    }

    /** The plaintext under the current key or, failing that, under one of the previous keys. */
    private Optional<String> decrypt(SigningKeyRecord record) throws ParseException {
        for (String key : keys()) {
            var jwe = JWEObject.parse(record.material());
            try {
                jwe.decrypt(new PasswordBasedDecrypter(key));
                return Optional.of(jwe.getPayload().toString());
            } catch (JOSEException notThisKey) {
                // the next one
            }
        }
        return Optional.empty();
    }

    private List<String> keys() {
        var keys = new ArrayList<String>();
        keys.add(encryptionKey);
        keys.addAll(previousEncryptionKeys);
        return keys;
    }
}
