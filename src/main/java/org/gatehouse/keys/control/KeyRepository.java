package org.gatehouse.keys.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.gatehouse.keys.entity.KeyManagementOptions;
import org.gatehouse.keys.entity.SigningKeyRecord;
import org.gatehouse.keys.entity.StoredKey;
import org.gatehouse.platform.control.ClusterLock;

/** Signing keys in the database: loading (decrypting each key once per JVM), creating and deleting them. */
@ApplicationScoped
public class KeyRepository {

    private static final Logger LOG = Logger.getLogger(KeyRepository.class.getName());

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    @Inject
    ClusterLock lock;

    /** Keys never change once written, so a decrypted key is kept by its id. */
    private final Map<String, StoredKey> decrypted = new ConcurrentHashMap<>();

    /** In a transaction: this also runs on a schedule, where Payara may close a non-transactional EntityManager. */
    @Transactional
    public List<StoredKey> load(KeyProtector protector) {
        return records().stream()
                .filter(r -> accepted(r, protector))
                .map(r -> decrypted.computeIfAbsent(r.keyId(), id -> new StoredKey(id, r.algorithm(),
                        Instant.ofEpochMilli(r.createdAt()), protector.unprotect(r))))
                .toList();
    }

    /**
     * Under the cluster lock, so that nodes starting together create one key: creates the keys the policy
     * asks for and deletes those past retention.
     */
    @Transactional
    public void maintain(KeyRotationPolicy policy, KeyManagementOptions options, KeyProtector protector, Instant now) {
        lock.acquire(ClusterLock.SIGNING_KEYS);
        var keys = load(protector);
        for (String algorithm : options.managedAlgorithms()) {
            var ofAlgorithm = keys.stream().filter(k -> k.algorithm().equals(algorithm)).toList();
            if (policy.needsNewKey(ofAlgorithm, now)) {
                var jwk = generate(algorithm, options.rsaKeySize());
                em.persist(new SigningKeyRecord(jwk.getKeyID(), algorithm, now.toEpochMilli(), protector.protection(),
                        protector.protect(jwk)));
                decrypted.put(jwk.getKeyID(), new StoredKey(jwk.getKeyID(), algorithm, now, jwk)); // no need to decrypt it back
                LOG.info("Created " + (jwk.getKeyUse() == KeyUse.ENCRYPTION ? "encryption" : "signing") + " key "
                        + jwk.getKeyID() + " (" + algorithm + ")");
            }
        }
        for (var key : keys) {
            if (!policy.isPublished(key, now)) {
                em.remove(em.find(SigningKeyRecord.class, key.keyId()));
                decrypted.remove(key.keyId());
                LOG.info("Deleted signing key " + key.keyId() + " (" + key.algorithm() + "), past its retention");
            }
        }
    }

    /**
     * Encrypts keys under the current encryption key: those under a previous one (the key was changed), and those
     * stored in plain form when an encryption key is configured for the first time (no key is stored encrypted
     * yet). Once one is, a key in clear was not written by Gatehouse: it is never used.
     */
    @Transactional
    public void protectUnprotected(KeyProtector protector) {
        if (protector.protection().equals(SigningKeyRecord.UNPROTECTED)) {
            return;
        }
        lock.acquire(ClusterLock.SIGNING_KEYS);
        var records = records();
        boolean firstKey = records.stream().allMatch(r -> r.protection().equals(SigningKeyRecord.UNPROTECTED));
        for (var record : records) {
            boolean inClear = record.protection().equals(SigningKeyRecord.UNPROTECTED);
            if ((inClear && firstKey) || (!inClear && !protector.isUnderCurrentKey(record))) {
                record.protect(protector.protection(), protector.protect(protector.unprotect(record)));
                decrypted.remove(record.keyId());
                LOG.info("Encrypted signing key " + record.keyId() + " at rest under the current encryption key");
            }
        }
    }

    private static boolean accepted(SigningKeyRecord record, KeyProtector protector) {
        if (protector.accepts(record)) {
            return true;
        }
        LOG.severe("Signing key " + record.keyId() + " is stored in clear although an encryption key is set, and is"
                + " not used: the database was written by something other than Gatehouse");
        return false;
    }

    private List<SigningKeyRecord> records() {
        return em.createQuery("select k from SigningKeyRecord k", SigningKeyRecord.class).getResultList();
    }

    /**
     * RSA for RS*, PS* and RSA-OAEP-256 (an encryption key), the matching NIST curve for ES*; the kid is the RFC 7638
     * thumbprint.
     */
    static JWK generate(String algorithm, int rsaKeySize) {
        try {
            if (algorithm.equals(KeyManagementOptions.REQUEST_OBJECT_ENCRYPTION)) {
                return new RSAKeyGenerator(rsaKeySize).algorithm(JWEAlgorithm.parse(algorithm)).keyUse(KeyUse.ENCRYPTION)
                        .keyIDFromThumbprint(true).generate();
            }
            var alg = JWSAlgorithm.parse(algorithm);
            if (JWSAlgorithm.Family.EC.contains(alg)) {
                return new ECKeyGenerator(Curve.forJWSAlgorithm(alg).iterator().next())
                        .algorithm(alg).keyUse(KeyUse.SIGNATURE).keyIDFromThumbprint(true).generate();
            }
            return new RSAKeyGenerator(rsaKeySize).algorithm(alg).keyUse(KeyUse.SIGNATURE).keyIDFromThumbprint(true).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a " + algorithm + " key", e);
        }
    }
}
