package org.gatehouse.keys.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.gatehouse.keys.entity.KeyManagementOptions;
import org.gatehouse.keys.entity.KeyRing;
import org.gatehouse.keys.entity.KeyRing.ActiveKey;
import org.gatehouse.keys.entity.StoredKey;

/**
 * Automatic key management. Holds the current {@link KeyRing} in memory and rebuilds it from the
 * database every few minutes (other nodes may have rotated) or when the policy says a key changes
 * state; only then does it touch the database, so signing a token costs no round trip.
 */
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class.getName());
    private static final Duration REFRESH_INTERVAL = Duration.ofMinutes(5);
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(30);
    private static final byte[] PROBE = "probe".getBytes(StandardCharsets.US_ASCII);

    @Inject
    KeyRepository repository;

    @Inject
    KeyManagementOptions options;

    @Inject
    Clock clock;

    private KeyRotationPolicy policy;
    private KeyProtector protector;
    private volatile KeyRing ring;
    private final ReentrantLock refreshing = new ReentrantLock();

    @PostConstruct
    void init() {
        policy = KeyRotationPolicy.of(options);
        protector = new KeyProtector(options.encryptionKey(), options.previousEncryptionKeys());
    }

    /**
     * Creates the first keys if there are none, and encrypts keys stored before an encryption key was
     * configured; fails start-up if existing keys cannot be read.
     */
    public void start() {
        repository.protectUnprotected(protector);
        ring = build(clock.instant());
        LOG.info("Gatehouse signs with " + ring.signers().values().stream()
                .map(k -> k.algorithm() + " key " + k.keyId()).toList() + "; " + options);
    }

    /**
     * Rebuilds the ring if it is due. Called on a schedule too, so that an idle server still creates its
     * next key on time and announces it for the whole propagation time.
     */
    public void refreshIfDue() {
        if (ring != null) {
            current();
        }
    }

    /** The key to sign with: that of the first configured algorithm {@code allowed} admits (empty: any). */
    public Optional<ActiveKey> signingKey(Set<String> allowed) {
        var signers = current().signers();
        return options.signingAlgorithms().stream()
                .filter(algorithm -> allowed.isEmpty() || allowed.contains(algorithm))
                .findFirst()
                .map(signers::get);
    }

    /** The keys that verify Gatehouse's tokens: every key not past its retention. */
    public JWKSet publicKeys() {
        return current().publicKeys();
    }

    /** The private keys request objects may be encrypted to (RFC 9101 §6.1); none unless that is switched on. */
    public JWKSet decryptionKeys() {
        return current().decryptionKeys();
    }

    /** The public JWKS document (RFC 7517 §5): every key not past its retention. */
    public String jwks() {
        return current().jwks();
    }

    /**
     * The ring, rebuilt when due by one thread at a time; the others go on with the current ring rather
     * than wait for the database (or for a new key to be generated).
     */
    private KeyRing current() {
        var current = ring;
        Instant now = clock.instant();
        if (now.isBefore(current.refreshAt()) || !refreshing.tryLock()) {
            return current;
        }
        try {
            if (now.isBefore(ring.refreshAt())) {
                return ring;
            }
            ring = build(now);
        } catch (RuntimeException e) {
            // Keep signing with the keys we have (they stay valid for weeks) and try again shortly.
            LOG.log(Level.WARNING, "Cannot refresh signing keys; retrying in " + RETRY_AFTER_FAILURE, e);
            ring = new KeyRing(ring.signers(), ring.publicKeys(), ring.jwks(), ring.decryptionKeys(), now.plus(RETRY_AFTER_FAILURE));
        } finally {
            refreshing.unlock();
        }
        return ring;
    }

    private KeyRing build(Instant now) {
        var keys = repository.load(protector);
        if (needsMaintenance(keys, now)) {
            repository.maintain(policy, options, protector, now);
            keys = repository.load(protector);
        }
        var signers = new LinkedHashMap<String, ActiveKey>();
        for (String algorithm : options.signingAlgorithms()) {
            var key = policy.signingKey(ofAlgorithm(keys, algorithm), now)
                    .orElseThrow(() -> new IllegalStateException("no " + algorithm + " signing key after maintenance"));
            signers.put(algorithm, new ActiveKey(key.keyId(), algorithm, signer(key)));
        }
        // A signing key of an algorithm no longer configured is published until its retention ends (what it signed
        // still verifies); an encryption key only while request-object encryption is on, since only then it decrypts.
        var live = keys.stream().filter(k -> policy.isPublished(k, now)
                && (k.jwk().getKeyUse() != KeyUse.ENCRYPTION || options.requestObjectEncryption())).toList();
        var published = live.stream().map(k -> k.jwk().toPublicJWK()).toList();
        // A client may have fetched any published encryption key: each decrypts until it is no longer published.
        var decryption = live.stream().filter(k -> k.jwk().getKeyUse() == KeyUse.ENCRYPTION).map(StoredKey::jwk).toList();
        var next = policy.nextChange(keys, now).filter(t -> t.isBefore(now.plus(REFRESH_INTERVAL)))
                .orElse(now.plus(REFRESH_INTERVAL));
        var publicKeys = new JWKSet(published);
        return new KeyRing(Map.copyOf(signers), publicKeys, publicKeys.toString(), new JWKSet(decryption), next);
    }

    private boolean needsMaintenance(List<StoredKey> keys, Instant now) {
        return keys.stream().anyMatch(k -> !policy.isPublished(k, now))
                || options.managedAlgorithms().stream().anyMatch(a -> policy.needsNewKey(ofAlgorithm(keys, a), now));
    }

    private static List<StoredKey> ofAlgorithm(List<StoredKey> keys, String algorithm) {
        return keys.stream().filter(k -> k.algorithm().equals(algorithm)).toList();
    }

    /** A signer for the key: the native provider's when it has the algorithm, else the JDK's. */
    static JWSSigner signer(StoredKey key) {
        var algorithm = JWSAlgorithm.parse(key.algorithm());
        var provider = NativeCrypto.provider();
        if (provider.isPresent()) {
            try {
                var signer = NativeCrypto.signer(key.jwk(), provider.get());
                signer.sign(new JWSHeader(algorithm), PROBE); // once per key: does the provider have it?
                return signer;
            } catch (JOSEException | GeneralSecurityException | RuntimeException unsupported) {
                LOG.info("Key " + key.keyId() + " signs with the JDK's provider: " + unsupported);
            }
        }
        try {
            return new DefaultJWSSignerFactory().createJWSSigner(key.jwk(), algorithm);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign with key " + key.keyId(), e);
        }
    }
}
