package org.gatehouse.keys.control;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.JWTID;
import com.nimbusds.openid.connect.sdk.Nonce;
import java.net.URI;
import java.net.URL;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.gatehouse.configuration.control.SettingsReader;
import org.gatehouse.testing.OAuthClient;
import org.gatehouse.testing.PayaraMicroProcess;
import org.gatehouse.testing.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two Gatehouse nodes started at the same moment on one PostgreSQL database (127.0.0.1:5432, trust
 * authentication, as on these machines and in CI) end up with one signing key and one configuration,
 * and share one grant store: a reference token issued by one node is known to, and revoked by, the other; a DPoP
 * proof is accepted once by the two of them, and a server nonce of one is good at the other.
 */
class TwoNodesOneDatabaseIT {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private final String database = "gatehouse_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @BeforeEach
    void createDatabase() throws SQLException {
        try (var connection = DriverManager.getConnection(SERVER + "postgres", "postgres", "")) {
            connection.createStatement().execute("CREATE DATABASE " + database);
        }
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        try (var connection = DriverManager.getConnection(SERVER + "postgres", "postgres", "")) {
            connection.createStatement().execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    @Test
    void nodesStartingTogetherShareOneKeyAndTrustEachOthersTokens() throws Exception {
        try (var a = node("node-a", Integer.getInteger("it.port.node-a", 18301));
                var b = node("node-b", Integer.getInteger("it.port.node-b", 18302))) {
            a.awaitReady(Duration.ofMinutes(3));
            b.awaitReady(Duration.ofMinutes(3));
            var jwksA = JWKSet.load(new URL(a.baseUrl() + "/.well-known/openid-configuration/jwks"));
            var jwksB = JWKSet.load(new URL(b.baseUrl() + "/.well-known/openid-configuration/jwks"));

            assertAll(
                    () -> assertFalse(a.log().contains("Exception while loading"), a.log()),
                    () -> assertFalse(b.log().contains("Exception while loading"), b.log()),
                    () -> assertEquals(1, jwksA.getKeys().size()),
                    () -> assertEquals(jwksA.toString(), jwksB.toString(), "both nodes publish the same key"),
                    () -> assertEquals(1, count("GH_SIGNING_KEY")),
                    () -> assertEquals(configuredDocuments(), count("GH_CONFIGURATION_DOCUMENT"),
                            "each client and resource stored once"));

            // A token of node A verifies with node B's keys.
            var token = AccessTokenResponse.parse(new TokenRequest(URI.create(a.baseUrl() + "/connect/token"),
                    new ClientSecretBasic(new ClientID("client"), new Secret("secret")), new ClientCredentialsGrant(),
                    new Scope("api1")).toHTTPRequest().send()).getTokens().getAccessToken().getValue();
            var processor = new DefaultJWTProcessor<SecurityContext>();
            processor.setJWSTypeVerifier((type, context) -> { });
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(jwksB)));
            assertEquals("client", processor.process(token, null).getSubject());

            // A reference token lives in the shared database: node B knows node A's, and B's revocation counts at A.
            var atA = new OAuthClient(a.baseUrl());
            var atB = new OAuthClient(b.baseUrl());
            var reference = atA.accessToken("reference", "api1");
            assertTrue(atB.isActive("reference", reference), "node A's reference token is active at node B");
            assertEquals(200, atB.revoke("reference", reference).getStatusCode(), "revoked at node B");
            assertFalse(atA.isActive("reference", reference), "inactive at node A after node B revoked it");

            // DPoP (RFC 9449 §11.1): a proof accepted by node A is a replay at node B, and node A's nonce is good at B.
            var proofs = new DefaultDPoPProofFactory(new ECKeyGenerator(Curve.P_256).generate(), JWSAlgorithm.ES256);
            var proof = proofs.createDPoPJWT("POST", URI.create(a.baseUrl() + "/connect/token"));
            assertEquals(200, dpop(a, "client", proof).getStatusCode(), "accepted at node A");
            var replayed = dpop(b, "client", proofs.createDPoPJWT(new JWTID(proof.getJWTClaimsSet().getJWTID()), "POST",
                    URI.create(b.baseUrl() + "/connect/token"), proof.getJWTClaimsSet().getIssueTime(), null));
            assertEquals(400, replayed.getStatusCode(), "its jti again, at node B: " + replayed.getBody());
            assertTrue(replayed.getBody().contains("invalid_dpop_proof"), replayed.getBody());
            String nonce = dpop(a, "dpop.nonce", proofs.createDPoPJWT("POST", URI.create(a.baseUrl() + "/connect/token")))
                    .getHeaderValue("DPoP-Nonce");
            assertEquals(200, dpop(b, "dpop.nonce", proofs.createDPoPJWT("POST", URI.create(b.baseUrl() + "/connect/token"),
                    new Nonce(nonce))).getStatusCode(), "node A's nonce, accepted at node B");

            // Both nodes run the cleanup job every second on the same table: the expired tokens go, without errors.
            for (int i = 0; i < 20; i++) {
                atA.accessToken("reference.short", "api1");
                atB.accessToken("reference.short", "api1");
            }
            Poll.until(Duration.ofSeconds(20), "expired tokens removed", () -> {
                try {
                    return countShortLived();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }, rows -> rows == 0);
            assertAll(
                    () -> assertFalse(a.log().contains("Token cleanup failed"), "node A's cleanup"),
                    () -> assertFalse(b.log().contains("Token cleanup failed"), "node B's cleanup"),
                    () -> assertTrue(a.log().contains("Token cleanup removed") || b.log().contains("Token cleanup removed")));
        }
    }

    /** A client-credentials request to {@code node} with a DPoP proof. */
    private static HTTPResponse dpop(PayaraMicroProcess node, String clientId, SignedJWT proof) throws Exception {
        var request = new TokenRequest(URI.create(node.baseUrl() + "/connect/token"),
                new ClientSecretBasic(new ClientID(clientId), new Secret("secret")), new ClientCredentialsGrant(),
                new Scope("api1")).toHTTPRequest();
        request.setDPoP(proof);
        return request.send();
    }

    private int countShortLived() throws SQLException {
        try (Connection connection = DriverManager.getConnection(SERVER + database, "postgres", "");
                var result = connection.createStatement()
                        .executeQuery("SELECT COUNT(*) FROM GH_GRANT WHERE CLIENT_ID = 'reference.short'")) {
            result.next();
            return result.getInt(1);
        }
    }

    private PayaraMicroProcess node(String name, int port) {
        return PayaraMicroProcess.start(name, port,
                Map.of("gatehouse.settings-file", "src/test/resources/it/appsettings.json",
                        "gatehouse.key-management.encryption-key", "integration-tests-only",
                        "gatehouse.token-cleanup.interval", "PT1S"),
                Map.of("GATEHOUSE_DB_HOST", "127.0.0.1", "GATEHOUSE_DB_PORT", "5432", "GATEHOUSE_DB_NAME", database,
                        "GATEHOUSE_DB_USER", "postgres", "GATEHOUSE_DB_PASSWORD", "unused-with-trust-authentication"),
                List.of("--addlibs", "target/postgresql.jar", "--postbootcommandfile", "server-config/postgresql.asadmin"));
    }

    private int count(String table) throws SQLException {
        try (Connection connection = DriverManager.getConnection(SERVER + database, "postgres", "");
                var result = connection.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
            result.next();
            return result.getInt(1);
        }
    }

    /** How many clients and resources the IT configuration defines. */
    private static int configuredDocuments() {
        var settings = new SettingsReader(name -> name.equals(SettingsReader.SETTINGS_FILE)
                ? Optional.of("src/test/resources/it/appsettings.json") : Optional.empty()).read();
        return settings.clients().size() + settings.apiScopes().size() + settings.apiResources().size()
                + settings.identityResources().size();
    }
}
