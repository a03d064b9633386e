package org.gatehouse.grants.control;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.gatehouse.testing.Database;
import org.gatehouse.testing.Http;
import org.gatehouse.testing.OAuthClient;
import org.gatehouse.testing.PayaraMicroProcess;
import org.gatehouse.testing.Poll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Gatehouse on each supported server database, in a fresh database of its own: one node creates the
 * schema and stores reference tokens there (hashed handles, encrypted claims), is restarted on the same
 * database and finds everything as it left it, and its cleanup job removes expired grants; a DPoP proof's jti is
 * refused the second time by the database's primary key (each vendor's duplicate-key error).
 */
class DatabasesIT {

    private static final int PORT = Integer.getInteger("it.port.databases", 18310);

    @ParameterizedTest(name = "{0}")
    @EnumSource(Database.Kind.class)
    void keepsSchemaKeysAndReferenceTokensInTheDatabaseAcrossARestartAndRemovesExpiredTokens(Database.Kind kind)
            throws Exception {
        try (var database = Database.create(kind)) {
            String token;
            List<List<String>> schemaVersions;
            List<List<String>> signingKeys;
            List<String> publishedKeyIds;

            try (var node = start(database, "first")) {
                var client = new OAuthClient(node.baseUrl());

                // First start: the schema is created in this database, not in Payara's embedded H2.
                assertAll(
                        () -> assertTrue(node.log().contains("Gatehouse database: " + kind.productName + " "), node.log()),
                        () -> assertTrue(node.log().contains("Gatehouse schema upgraded to version 1 ("
                                + kind.name().toLowerCase(Locale.ROOT) + ")"), node.log()),
                        () -> assertEquals(List.of(List.of("1"), List.of("2"), List.of("3"), List.of("4"), List.of("5"), List.of("6")),
                                database.rows("SELECT VERSION FROM GH_SCHEMA_VERSION ORDER BY VERSION")));

                // A reference token: stored as the SHA-256 of its handle, with its claims encrypted.
                token = client.accessToken("reference", "api1");
                assertTrue(client.isActive("reference", token), "introspected by its client");
                var grants = database.rows("SELECT KEY_HASH, TYPE, CLIENT_ID, DATA FROM GH_GRANT");
                assertEquals(1, grants.size(), "one grant stored");
                var grant = grants.get(0);
                String stored = database.rows("SELECT * FROM GH_GRANT").toString();
                assertAll(
                        () -> assertEquals(sha256Hex(token), grant.get(0), "KEY_HASH"),
                        () -> assertEquals("REFERENCE_TOKEN", grant.get(1)),
                        () -> assertEquals("reference", grant.get(2)),
                        () -> assertFalse(stored.contains(token), "the handle is stored nowhere: " + stored),
                        () -> assertEncrypted(grant.get(3)));

                // A DPoP proof once (RFC 9449 §11.1): the database's primary key refuses its jti the second time.
                var proofs = new DefaultDPoPProofFactory(new ECKeyGenerator(Curve.P_256).generate(), JWSAlgorithm.ES256);
                var proof = proofs.createDPoPJWT("POST", URI.create(node.baseUrl() + "/connect/token"));
                assertEquals(200, dpop(node.baseUrl(), proof).getStatusCode());
                var replayed = dpop(node.baseUrl(), proof);
                assertEquals(400, replayed.getStatusCode(), replayed.getBody());
                assertTrue(replayed.getBody().contains("invalid_dpop_proof"), replayed.getBody());
                assertEquals(1, database.rows("SELECT KEY_HASH FROM GH_USED_VALUE").size(), "one jti, stored hashed");

                // Revoked at the revocation endpoint: gone from the database, inactive.
                String revoked = client.accessToken("reference", "api1");
                assertTrue(client.isActive("reference", revoked), "active before its revocation");
                assertEquals(200, client.revoke("reference", revoked).getStatusCode());
                assertAll(
                        () -> assertFalse(client.isActive("reference", revoked), "inactive after its revocation"),
                        () -> assertEquals(0, database.count("SELECT COUNT(*) FROM GH_GRANT WHERE KEY_HASH = ?",
                                sha256Hex(revoked))));

                schemaVersions = database.rows("SELECT VERSION, APPLIED_AT FROM GH_SCHEMA_VERSION");
                signingKeys = database.rows("SELECT KEY_ID, CREATED_AT FROM GH_SIGNING_KEY");
                publishedKeyIds = publishedKeyIds(node);
                assertEquals(1, signingKeys.size(), "one signing key created");
                assertEquals(List.of(signingKeys.get(0).get(0)), publishedKeyIds, "the JWKS publishes the stored key");
            }

            try (var node = start(database, "restarted")) {
                var client = new OAuthClient(node.baseUrl());

                // Restarted on the same database: the schema is not applied again, no key is created.
                assertAll(
                        () -> assertTrue(node.log().contains("Gatehouse database: " + kind.productName + " "), node.log()),
                        () -> assertFalse(node.log().contains("Gatehouse schema upgraded"), node.log()),
                        () -> assertEquals(schemaVersions, database.rows("SELECT VERSION, APPLIED_AT FROM GH_SCHEMA_VERSION")),
                        () -> assertEquals(signingKeys, database.rows("SELECT KEY_ID, CREATED_AT FROM GH_SIGNING_KEY")),
                        () -> assertEquals(publishedKeyIds, publishedKeyIds(node), "JWKS key ids"),
                        () -> assertTrue(client.isActive("reference", token), "the token issued before the restart"));

                // The cleanup job (every 2 seconds, 20 a batch) removes expired grants, and only those.
                var shortLived = IntStream.range(0, 50).mapToObj(i -> client.accessToken("reference.short", "api1")).toList();
                assertEquals(shortLived.stream().map(DatabasesIT::sha256Hex).collect(Collectors.toSet()),
                        Set.copyOf(database.rows("SELECT KEY_HASH FROM GH_GRANT WHERE CLIENT_ID = 'reference.short'").stream()
                                .map(row -> row.get(0)).toList()),
                        "all 50 short-lived tokens stored");
                Poll.until(Duration.ofSeconds(20), "all expired tokens removed",
                        () -> database.count("SELECT COUNT(*) FROM GH_GRANT WHERE CLIENT_ID = 'reference.short'"),
                        remaining -> remaining == 0);
                assertAll(
                        () -> assertEquals(List.of(List.of(sha256Hex(token))), database.rows("SELECT KEY_HASH FROM GH_GRANT"),
                                "the long-lived token is kept"),
                        () -> assertTrue(client.isActive("reference", token), "the long-lived token is still active"),
                        () -> assertTrue(node.log().contains("Token cleanup removed "), node.log()));
            }

            // The encryption key changed, the old one listed as previous: everything still reads, and is encrypted
            // again under the new key, so that the old one can then be dropped.
            String grantBefore = database.rows("SELECT DATA FROM GH_GRANT").get(0).get(0);
            String keyBefore = database.rows("SELECT MATERIAL FROM GH_SIGNING_KEY").get(0).get(0);
            try (var node = start(database, "rotated", Map.of("gatehouse.key-management.encryption-key", "rotated-integration-key",
                    "gatehouse.key-management.previous-encryption-keys", "integration-tests-only"))) {
                var client = new OAuthClient(node.baseUrl());
                assertTrue(client.isActive("reference", token), "read under the previous key");
                assertEquals(publishedKeyIds, publishedKeyIds(node), "the same signing key");
                Poll.until(Duration.ofSeconds(30), "grant data encrypted again", node::log,
                        log -> log.contains("Grant data encrypted under the current encryption key"));
                assertNotEquals(grantBefore, database.rows("SELECT DATA FROM GH_GRANT").get(0).get(0));
                assertNotEquals(keyBefore, database.rows("SELECT MATERIAL FROM GH_SIGNING_KEY").get(0).get(0));
            }
            try (var node = start(database, "old-key-dropped", Map.of("gatehouse.key-management.encryption-key",
                    "rotated-integration-key"))) {
                var client = new OAuthClient(node.baseUrl());
                assertTrue(client.isActive("reference", token), "read under the new key alone");
                assertEquals(publishedKeyIds, publishedKeyIds(node));
                assertEquals(signingKeys, database.rows("SELECT KEY_ID, CREATED_AT FROM GH_SIGNING_KEY"), "no new key");
            }
        }
    }

    /** Claims at rest are a compact JWE (dir, A256GCM), with nothing of the token in clear. */
    private static void assertEncrypted(String data) throws Exception {
        var header = JWEObject.parse(data).getHeader();
        assertAll(
                () -> assertEquals(JWEAlgorithm.DIR, header.getAlgorithm()),
                () -> assertEquals(EncryptionMethod.A256GCM, header.getEncryptionMethod()),
                () -> assertFalse(data.contains("reference"), "client id in clear: " + data),
                () -> assertFalse(data.contains("client_id"), "claim names in clear: " + data));
    }

    private static List<String> publishedKeyIds(PayaraMicroProcess node) throws Exception {
        var jwks = Http.get(URI.create(node.baseUrl() + "/.well-known/openid-configuration/jwks"));
        assertEquals(200, jwks.statusCode(), jwks.body());
        return JWKSet.parse(jwks.body()).getKeys().stream().map(JWK::getKeyID).toList();
    }

    private static String sha256Hex(String handle) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(handle.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A node on the database, cleaning up every 2 seconds; started, or closed and failed with its log. */
    private static PayaraMicroProcess start(Database database, String phase) {
        return start(database, phase, Map.of("gatehouse.key-management.encryption-key", "integration-tests-only"));
    }

    private static PayaraMicroProcess start(Database database, String phase, Map<String, String> encryption) {
        var properties = new HashMap<>(Map.of("gatehouse.settings-file", "src/test/resources/it/databases.json",
                "gatehouse.token-cleanup.interval", "PT2S",
                "gatehouse.token-cleanup.batch-size", "20"));
        properties.putAll(encryption);
        var node = PayaraMicroProcess.start("databases-" + database.kind.name().toLowerCase(Locale.ROOT) + "-" + phase, PORT,
                properties, database.environment(), database.payaraArguments());
        try {
            node.awaitReady(Duration.ofMinutes(3));
            assertTrue(node.log().contains("Gatehouse started"), () -> "the deployment failed:\n" + node.log());
            return node;
        } catch (RuntimeException | Error e) {
            node.close();
            throw e;
        }
    }

    /** A client-credentials request with a DPoP proof. */
    private static HTTPResponse dpop(String baseUrl, SignedJWT proof) throws Exception {
        var request = new TokenRequest(URI.create(baseUrl + "/connect/token"),
                new ClientSecretBasic(new ClientID("client"), new Secret("secret")), new ClientCredentialsGrant(),
                new Scope("api1")).toHTTPRequest();
        request.setDPoP(proof);
        return request.send();
    }
}
