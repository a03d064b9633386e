package org.gatehouse.keys.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.gatehouse.appsettings.ConfigurationException;
import org.gatehouse.keys.entity.KeyManagementOptions;
import org.gatehouse.keys.entity.KeyRing.ActiveKey;
import org.gatehouse.keys.entity.SigningKeyRecord;
import org.gatehouse.keys.entity.StoredKey;
import org.gatehouse.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SigningKeys} itself, over an in-memory {@link KeyRepository} and a clock the test moves: the
 * key ring it builds, when it refreshes, and when it asks the repository to create and delete keys.
 * The pure schedule is {@link KeyRotationPolicyTest}'s.
 */
class SigningKeysTest {

    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private static final String SECRET = "correct horse battery staple";
    private static final String ENCRYPTION_KEY_SETTING = "gatehouse.key-management.encryption-key";
    private static final Logger SIGNING_KEYS_LOG = Logger.getLogger(SigningKeys.class.getName());

    private final MutableClock clock = new MutableClock(START);

    /** Quiets the expected "Cannot refresh signing keys" warnings (with stack traces) of the failure tests. */
    @BeforeEach
    void quietRefreshWarnings() {
        SIGNING_KEYS_LOG.setLevel(Level.SEVERE);
    }

    @AfterEach
    void restoreLogLevel() {
        SIGNING_KEYS_LOG.setLevel(null);
    }

    // ---------------------------------------------------------------------------------------------
    // 1. First start

    @Test
    void firstStartCreatesOneRs256KeyThatSignsAtOnceAndIsTheOnlyPublishedKey() throws Exception {
        var repository = new InMemoryKeyRepository();
        var keys = started(repository, options(List.of("RS256"), null));

        assertEquals(1, repository.records.size());
        var record = repository.records.get(0);
        assertEquals("RS256", record.algorithm());
        assertEquals(START.toEpochMilli(), record.createdAt());
        assertEquals(SigningKeyRecord.UNPROTECTED, record.protection());

        var signing = keys.signingKey(Set.of()).orElseThrow();
        assertEquals(record.keyId(), signing.keyId());
        assertEquals("RS256", signing.algorithm());

        var jwks = publishedJwks(keys);
        assertEquals(List.of(record.keyId()), keyIds(jwks));
        var published = jwks.getKeyByKeyId(record.keyId());
        assertEquals(KeyType.RSA, published.getKeyType());
        assertEquals(2048, published.size());
        assertEquals(JWSAlgorithm.RS256, published.getAlgorithm());
        assertEquals(KeyUse.SIGNATURE, published.getKeyUse());
        assertEquals(record.keyId(), published.computeThumbprint().toString()); // kid = RFC 7638 thumbprint
        assertSignatureVerifiesWithJwks(signing, jwks);

        // Start-up: load (empty), maintain (create), load again.
        assertEquals(1, repository.maintains);
        assertEquals(2, repository.loads);
    }

    // ---------------------------------------------------------------------------------------------
    // 2. Rotation, propagation, retention

    @Test
    void rotatesOnDuendesSchedule() throws Exception {
        var repository = new InMemoryKeyRepository();
        var keys = started(repository, options(List.of("RS256"), null));
        String first = keys.signingKey(Set.of()).orElseThrow().keyId();

        clock.set(day(75));
        assertEquals(first, signingKeyId(keys));
        assertEquals(List.of(first), keyIds(publishedJwks(keys)));
        assertEquals(1, repository.records.size());
        assertEquals(1, repository.maintains, "no maintenance before day 76");

        clock.set(day(77));
        assertEquals(first, signingKeyId(keys), "the successor is only announced");
        assertEquals(2, repository.maintains);
        assertEquals(2, repository.records.size());
        var successorRecord = repository.records.stream().filter(r -> !r.keyId().equals(first)).findFirst().orElseThrow();
        String second = successorRecord.keyId();
        assertEquals(day(77).toEpochMilli(), successorRecord.createdAt(), "created when the refresh ran");
        assertEquals(Set.of(first, second), Set.copyOf(keyIds(publishedJwks(keys))));

        clock.set(day(89));
        assertEquals(first, signingKeyId(keys));
        assertEquals(Set.of(first, second), Set.copyOf(keyIds(publishedJwks(keys))));

        clock.set(day(91));
        var signing = keys.signingKey(Set.of()).orElseThrow();
        assertEquals(second, signing.keyId());
        var jwks = publishedJwks(keys);
        assertEquals(Set.of(first, second), Set.copyOf(keyIds(jwks)), "the retired key stays published");
        assertSignatureVerifiesWithJwks(signing, jwks);
        assertEquals(2, repository.maintains);

        clock.set(day(105));
        assertEquals(second, signingKeyId(keys));
        assertEquals(List.of(second), keyIds(publishedJwks(keys)));
        assertEquals(List.of(second), repository.records.stream().map(SigningKeyRecord::keyId).toList(), "deleted");
        assertEquals(3, repository.maintains);
    }

    @Test
    void refreshesExactlyAtEachTransitionRatherThanUpToFiveMinutesLate() throws Exception {
        var repository = new InMemoryKeyRepository();
        var keys = started(repository, options(List.of("RS256"), null));
        String first = signingKeyId(keys);

        // A request shortly before day 76 schedules the next refresh at day 76 itself, so the successor is
        // created on time and gets its full 14 days of propagation.
        clock.set(day(76).minus(Duration.ofMinutes(2)));
        keys.jwks();
        int loads = repository.loads;
        clock.set(day(76).minus(Duration.ofMillis(1)));
        assertEquals(first, signingKeyId(keys));
        assertEquals(loads, repository.loads, "no refresh before the transition");
        clock.set(day(76));
        assertEquals(first, signingKeyId(keys));
        assertEquals(2, repository.records.size());
        var successor = repository.records.get(1);
        assertEquals(day(76).toEpochMilli(), successor.createdAt());

        clock.set(day(90).minus(Duration.ofMinutes(2)));
        assertEquals(first, signingKeyId(keys));
        clock.set(day(90).minus(Duration.ofMillis(1)));
        assertEquals(first, signingKeyId(keys));
        clock.set(day(90));
        assertEquals(successor.keyId(), signingKeyId(keys), "the successor signs the moment the first key retires");

        clock.set(day(104).minus(Duration.ofMinutes(2)));
        assertEquals(2, keyIds(publishedJwks(keys)).size());
        clock.set(day(104));
        assertEquals(List.of(successor.keyId()), keyIds(publishedJwks(keys)), "retention ends at day 104");
        assertEquals(1, repository.records.size());
    }

    @Test
    void afterALongOutageStartUpReplacesTheExpiredKeyAndSignsWithTheNewOneAtOnce() throws Exception {
        var records = new ArrayList<SigningKeyRecord>();
        String old = signingKeyId(started(new InMemoryKeyRepository(records), options(List.of("RS256"), null)));

        clock.set(day(200));
        var repository = new InMemoryKeyRepository(records);
        var keys = started(repository, options(List.of("RS256"), null));
        String fresh = signingKeyId(keys);
        assertNotEquals(old, fresh);
        assertEquals(List.of(fresh), keyIds(publishedJwks(keys)));
        assertEquals(List.of(fresh), records.stream().map(SigningKeyRecord::keyId).toList());
    }

    @Test
    void aNodeAdoptsTheSuccessorAnotherNodeCreatedInsteadOfCreatingItsOwn() throws Exception {
        var records = new ArrayList<SigningKeyRecord>();
        var nodeA = new InMemoryKeyRepository(records);
        var nodeB = new InMemoryKeyRepository(records);
        var keysA = started(nodeA, options(List.of("RS256"), null));
        var keysB = started(nodeB, options(List.of("RS256"), null));
        assertEquals(1, records.size(), "the second node found the first node's key");
        assertEquals(0, nodeB.maintains);
        assertEquals(signingKeyId(keysA), signingKeyId(keysB));

        clock.set(day(76));
        keysA.jwks();
        assertEquals(2, records.size());
        clock.set(day(76).plus(Duration.ofMinutes(1)));
        assertEquals(publishedJwks(keysA).toString(), publishedJwks(keysB).toString());
        assertEquals(0, nodeB.maintains);
        assertEquals(2, records.size());
    }

    // ---------------------------------------------------------------------------------------------
    // 3. The token path does not touch the repository between refreshes

    @Test
    void betweenRefreshesNothingTouchesTheRepository() throws Exception {
        var repository = new InMemoryKeyRepository();
        var keys = started(repository, options(List.of("RS256"), null));
        int loads = repository.loads;
        int maintains = repository.maintains;
        var signing = keys.signingKey(Set.of()).orElseThrow();
        String jwks = keys.jwks();

        for (int i = 0; i < 1_000; i++) {
            clock.set(START.plus(Duration.ofMillis(i * 299L))); // up to 4 min 58.701 s
            assertSame(signing, keys.signingKey(Set.of()).orElseThrow());
            assertSame(signing, keys.signingKey(Set.of("RS256")).orElseThrow());
            assertSame(jwks, keys.jwks());
        }
        clock.set(START.plus(Duration.ofMinutes(5)).minus(Duration.ofMillis(1)));
        keys.signingKey(Set.of());
        keys.jwks();
        assertEquals(loads, repository.loads, "load() between refreshes");
        assertEquals(maintains, repository.maintains, "maintain() between refreshes");

        clock.set(START.plus(Duration.ofMinutes(5)));
        assertEquals(signing.keyId(), signingKeyId(keys));
        keys.jwks();
        assertEquals(loads + 1, repository.loads, "one load five minutes later (other nodes may have rotated)");
        assertEquals(maintains, repository.maintains, "nothing to maintain");

        clock.advance(Duration.ofMinutes(4));
        keys.signingKey(Set.of());
        assertEquals(loads + 1, repository.loads);
    }

    // ---------------------------------------------------------------------------------------------
    // 4. Several algorithms

    @Test
    void oneKeyPerConfiguredAlgorithmAndTheFirstIsTheDefault() throws Exception {
        var repository = new InMemoryKeyRepository();
        var keys = started(repository, options(List.of("RS256", "ES256"), null));

        assertEquals(2, repository.records.size());
        assertEquals(Set.of("RS256", "ES256"),
                Set.copyOf(repository.records.stream().map(SigningKeyRecord::algorithm).toList()));

        var rs256 = keys.signingKey(Set.of()).orElseThrow();
        assertEquals("RS256", rs256.algorithm());
        var es256 = keys.signingKey(Set.of("ES256")).orElseThrow();
        assertEquals("ES256", es256.algorithm());
        assertNotEquals(rs256.keyId(), es256.keyId());
        assertEquals("RS256", keys.signingKey(Set.of("ES256", "RS256")).orElseThrow().algorithm(),
                "the first configured algorithm the client allows");
        assertEquals(rs256.keyId(), keys.signingKey(Set.of("RS256")).orElseThrow().keyId());
        assertTrue(keys.signingKey(Set.of("PS512")).isEmpty(), "not configured");
        assertTrue(keys.signingKey(Set.of("none")).isEmpty());

        var jwks = publishedJwks(keys);
        assertEquals(Set.of(rs256.keyId(), es256.keyId()), Set.copyOf(keyIds(jwks)));
        var ec = (ECKey) jwks.getKeyByKeyId(es256.keyId());
        assertEquals(Curve.P_256, ec.getCurve());
        assertEquals(JWSAlgorithm.ES256, ec.getAlgorithm());
        assertEquals(KeyType.RSA, jwks.getKeyByKeyId(rs256.keyId()).getKeyType());
        assertSignatureVerifiesWithJwks(rs256, jwks);
        assertSignatureVerifiesWithJwks(es256, jwks);

        // Both rotate: each algorithm gets its own successor.
        clock.set(day(76));
        keys.jwks();
        assertEquals(4, repository.records.size());
        assertEquals(2, repository.records.stream().filter(r -> r.algorithm().equals("ES256")).count());
    }

    @Test
    void theDefaultIsTheFirstConfiguredAlgorithmWhateverItIs() {
        var keys = started(new InMemoryKeyRepository(), options(List.of("ES256", "RS256"), null));
        assertEquals("ES256", keys.signingKey(Set.of()).orElseThrow().algorithm());
        assertEquals("RS256", keys.signingKey(Set.of("RS256")).orElseThrow().algorithm());
    }

    // ---------------------------------------------------------------------------------------------
    // 5. Encryption at rest

    @Test
    void privateKeysAreStoredAsJweAndNeedTheSameEncryptionKeyToBeRead() throws Exception {
        var records = new ArrayList<SigningKeyRecord>();
        var keys = started(new InMemoryKeyRepository(records), options(List.of("RS256"), SECRET));
        String kid = signingKeyId(keys);

        assertEquals(1, records.size());
        var record = records.get(0);
        assertEquals(SigningKeyRecord.JWE, record.protection());
        String material = record.material();
        assertEquals(5, material.split("\\.", -1).length, "compact JWE: " + material);
        var header = JWEObject.parse(material).getHeader();
        assertEquals(JWEAlgorithm.PBES2_HS512_A256KW, header.getAlgorithm());
        assertEquals(EncryptionMethod.A256GCM, header.getEncryptionMethod());

        var privateKey = (RSAKey) new KeyProtector(SECRET, List.of()).unprotect(record);
        assertEquals(kid, privateKey.getKeyID());
        String d = privateKey.getPrivateExponent().toString();
        assertFalse(material.contains(d), "the private exponent is stored in clear");
        assertFalse(material.contains("\"d\""));
        assertFalse(keys.jwks().contains(d));

        // Another JVM (no cache) with a different encryption key cannot start.
        var wrong = signingKeys(new InMemoryKeyRepository(records), options(List.of("RS256"), "another secret"));
        var e = assertThrows(ConfigurationException.class, wrong::start);
        assertTrue(e.getMessage().contains(kid), e.getMessage());
        assertTrue(e.getMessage().contains(ENCRYPTION_KEY_SETTING), e.getMessage());

        // Nor without one.
        var none = signingKeys(new InMemoryKeyRepository(records), options(List.of("RS256"), null));
        e = assertThrows(ConfigurationException.class, none::start);
        assertTrue(e.getMessage().contains(kid), e.getMessage());
        assertTrue(e.getMessage().contains(ENCRYPTION_KEY_SETTING), e.getMessage());

        // With the right one it signs with the stored key and creates nothing.
        var repository = new InMemoryKeyRepository(records);
        var again = started(repository, options(List.of("RS256"), SECRET));
        assertEquals(kid, signingKeyId(again));
        assertEquals(0, repository.maintains);
        assertEquals(1, records.size());
    }

    @Test
    void keysStoredBeforeAnEncryptionKeyWasConfiguredAreEncryptedAtTheNextStart() throws Exception {
        var records = new ArrayList<SigningKeyRecord>();
        String kid = signingKeyId(started(new InMemoryKeyRepository(records), options(List.of("RS256"), null)));
        assertEquals(SigningKeyRecord.UNPROTECTED, records.get(0).protection());

        var encrypted = started(new InMemoryKeyRepository(records), options(List.of("RS256"), SECRET));

        assertEquals(kid, signingKeyId(encrypted), "the same key goes on signing");
        assertEquals(SigningKeyRecord.JWE, records.get(0).protection());
        assertEquals(kid, new KeyProtector(SECRET, List.of()).unprotect(records.get(0)).getKeyID());
        assertFalse(records.get(0).material().contains("\"d\""));
    }

    // ---------------------------------------------------------------------------------------------
    // 6. A failed refresh keeps the ring

    @Test
    void aFailedRefreshKeepsTheOldRingAndRetriesThirtySecondsLater() throws Exception {
        var repository = new InMemoryKeyRepository();
        var keys = started(repository, options(List.of("RS256"), null));
        var signing = keys.signingKey(Set.of()).orElseThrow();
        String jwks = keys.jwks();
        int loads = repository.loads;

        clock.set(START.plus(Duration.ofMinutes(5)));
        repository.failNextLoad = new IllegalStateException("database unreachable (test)");
        assertSame(signing, keys.signingKey(Set.of()).orElseThrow());
        assertEquals(jwks, keys.jwks());
        assertEquals(loads + 1, repository.loads, "the refresh was attempted");

        clock.advance(Duration.ofSeconds(29));
        assertSame(signing, keys.signingKey(Set.of()).orElseThrow());
        assertEquals(loads + 1, repository.loads, "no retry within 30 s");

        clock.advance(Duration.ofSeconds(1));
        assertEquals(signing.keyId(), signingKeyId(keys));
        assertEquals(loads + 2, repository.loads, "retried after 30 s");
    }

    @Test
    void aFailedMaintenanceKeepsSigningWithTheCurrentKeyAndCreatesTheSuccessorOnRetry() throws Exception {
        var repository = new InMemoryKeyRepository();
        var keys = started(repository, options(List.of("RS256"), null));
        String first = signingKeyId(keys);

        clock.set(day(76));
        repository.failNextMaintain = new IllegalStateException("lock timeout (test)");
        assertEquals(first, signingKeyId(keys));
        assertEquals(List.of(first), keyIds(publishedJwks(keys)));
        assertEquals(1, repository.records.size());

        clock.advance(Duration.ofSeconds(30));
        assertEquals(first, signingKeyId(keys));
        assertEquals(2, repository.records.size());
        assertEquals(2, keyIds(publishedJwks(keys)).size());
    }

    @Test
    void withRequestObjectEncryptionAnRsaOaepKeyIsPublishedForEncryptionAndSignsNothing() { // RFC 9101 §6.1
        var repository = new InMemoryKeyRepository();
        var options = new KeyManagementOptions(List.of("ES256"), Duration.ofDays(90), Duration.ofDays(14), Duration.ofDays(14),
                2048, null, List.of(), true);
        var keys = signingKeys(repository, options);
        keys.start();
        var published = keys.publicKeys().getKeys();
        assertEquals(2, published.size());
        var encryption = published.stream().filter(k -> KeyUse.ENCRYPTION.equals(k.getKeyUse())).toList();
        assertEquals(1, encryption.size());
        assertEquals("RSA-OAEP-256", encryption.get(0).getAlgorithm().getName());
        assertFalse(encryption.get(0).isPrivate(), "the JWKS holds public keys only");
        assertEquals(encryption.get(0).getKeyID(), keys.decryptionKeys().getKeys().get(0).getKeyID());
        assertTrue(keys.decryptionKeys().getKeys().get(0).isPrivate());
        assertEquals("ES256", keys.signingKey(Set.of()).orElseThrow().algorithm(), "the encryption key signs nothing");
        var without = signingKeys(new InMemoryKeyRepository(), options(List.of("ES256"), null));
        without.start();
        assertTrue(without.decryptionKeys().isEmpty(), "off by default: no encryption key");
        assertEquals(1, without.publicKeys().getKeys().size());
        var switchedOff = signingKeys(repository, options(List.of("ES256"), null));
        switchedOff.start();
        assertTrue(switchedOff.decryptionKeys().isEmpty(), "switched off, a stored encryption key decrypts nothing");
        assertEquals(List.of("ES256"), switchedOff.publicKeys().getKeys().stream().map(k -> k.getAlgorithm().getName()).toList(),
                "and is not published");
    }

    // ---------------------------------------------------------------------------------------------
    // helpers

    private static Instant day(int day) {
        return START.plus(Duration.ofDays(day));
    }

    private static KeyManagementOptions options(List<String> algorithms, String encryptionKey) {
        // SettingsReader's defaults: 90 / 14 / 14 days, RSA 2048.
        return new KeyManagementOptions(algorithms, Duration.ofDays(90), Duration.ofDays(14), Duration.ofDays(14), 2048,
                encryptionKey, List.of(), false);
    }

    private SigningKeys signingKeys(KeyRepository repository, KeyManagementOptions options) {
        var keys = new SigningKeys();
        keys.repository = repository;
        keys.options = options;
        keys.clock = clock;
        keys.init();
        return keys;
    }

    private SigningKeys started(KeyRepository repository, KeyManagementOptions options) {
        var keys = signingKeys(repository, options);
        keys.start();
        return keys;
    }

    private static String signingKeyId(SigningKeys keys) {
        return keys.signingKey(Set.of()).orElseThrow().keyId();
    }

    /** The JWKS, parsed, after checking that neither the document nor any key in it is private. */
    private static JWKSet publishedJwks(SigningKeys keys) throws ParseException {
        String json = keys.jwks();
        var set = JWKSet.parse(json);
        for (JWK key : set.getKeys()) {
            assertFalse(key.isPrivate(), key.getKeyID() + " is published with its private part");
        }
        for (String privateMember : List.of("\"d\"", "\"p\"", "\"q\"", "\"dp\"", "\"dq\"", "\"qi\"", "\"oth\"")) {
            assertFalse(json.contains(privateMember), "JWKS contains " + privateMember + ": " + json);
        }
        return set;
    }

    private static List<String> keyIds(JWKSet set) {
        return set.getKeys().stream().map(JWK::getKeyID).toList();
    }

    /** What a relying party does: verify a JWS made with the signer against the published key of its kid. */
    private static void assertSignatureVerifiesWithJwks(ActiveKey key, JWKSet jwks) throws JOSEException {
        var jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.parse(key.algorithm())).keyID(key.keyId()).build(),
                new Payload("{\"sub\":\"test\"}"));
        jws.sign(key.signer());
        JWK published = jwks.getKeyByKeyId(jws.getHeader().getKeyID());
        JWSVerifier verifier = published instanceof RSAKey rsa ? new RSASSAVerifier(rsa) : new ECDSAVerifier((ECKey) published);
        assertTrue(jws.verify(verifier), "signature by " + key.keyId() + " does not verify with the JWKS");
    }

    /**
     * {@link KeyRepository} over a list of records instead of JPA: {@link #load} and {@link #maintain} are
     * the real ones line for line, with {@code em.persist}/{@code em.remove} as list operations and no
     * cluster lock (one thread). Keys are generated by the real {@link KeyRepository#generate} and
     * protected by the real {@link KeyProtector}. Several repositories may share one list, as nodes share
     * one database; each has its own cache of decrypted keys, as each JVM does.
     */
    static final class InMemoryKeyRepository extends KeyRepository {

        final List<SigningKeyRecord> records;
        private final Map<String, StoredKey> decrypted = new ConcurrentHashMap<>();
        int loads;
        int maintains;
        /** Thrown (once) by the next load or maintain, like a database that is briefly unreachable. */
        RuntimeException failNextLoad;
        RuntimeException failNextMaintain;

        InMemoryKeyRepository() {
            this(new ArrayList<>());
        }

        InMemoryKeyRepository(List<SigningKeyRecord> records) {
            this.records = records;
        }

        @Override
        public List<StoredKey> load(KeyProtector protector) {
            loads++;
            if (failNextLoad != null) {
                var failure = failNextLoad;
                failNextLoad = null;
                throw failure;
            }
            return stored(protector);
        }

        @Override
        public void maintain(KeyRotationPolicy policy, KeyManagementOptions options, KeyProtector protector, Instant now) {
            maintains++;
            if (failNextMaintain != null) {
                var failure = failNextMaintain;
                failNextMaintain = null;
                throw failure;
            }
            var keys = stored(protector); // the real one calls load(protector); not counted here
            for (String algorithm : options.managedAlgorithms()) {
                var ofAlgorithm = keys.stream().filter(k -> k.algorithm().equals(algorithm)).toList();
                if (policy.needsNewKey(ofAlgorithm, now)) {
                    var jwk = generate(algorithm, options.rsaKeySize());
                    records.add(new SigningKeyRecord(jwk.getKeyID(), algorithm, now.toEpochMilli(), protector.protection(),
                            protector.protect(jwk)));
                    decrypted.put(jwk.getKeyID(), new StoredKey(jwk.getKeyID(), algorithm, now, jwk));
                }
            }
            for (var key : keys) {
                if (!policy.isPublished(key, now)) {
                    records.removeIf(r -> r.keyId().equals(key.keyId()));
                    decrypted.remove(key.keyId());
                }
            }
        }

        @Override
        public void protectUnprotected(KeyProtector protector) {
            if (protector.protection().equals(SigningKeyRecord.UNPROTECTED)) {
                return;
            }
            for (var record : records) {
                if (record.protection().equals(SigningKeyRecord.UNPROTECTED)) {
                    record.protect(protector.protection(), protector.protect(protector.unprotect(record)));
                }
            }
        }

        private List<StoredKey> stored(KeyProtector protector) {
            return List.copyOf(records).stream()
                    .map(r -> decrypted.computeIfAbsent(r.keyId(), id -> new StoredKey(id, r.algorithm(),
                            Instant.ofEpochMilli(r.createdAt()), protector.unprotect(r))))
                    .toList();
        }
    }
}
