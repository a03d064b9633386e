package org.gatehouse.grants.control;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.gatehouse.testing.Database;
import org.gatehouse.testing.OAuthClient;
import org.gatehouse.testing.PayaraMicroProcess;
import org.gatehouse.testing.Poll;
import org.gatehouse.testing.TcpProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * A node whose PostgreSQL becomes unreachable (a proxy between them cut: open connections closed, new
 * ones refused) answers what needs the database with 503 {@code temporarily_unavailable}, keeps issuing
 * JWTs, which need no database, and serves everything again once the database is back, without a restart.
 */
class DatabaseOutageIT {

    private static final int NODE_PORT = Integer.getInteger("it.port.outage-node", 18320);
    private static final int PROXY_PORT = Integer.getInteger("it.port.outage-proxy", 18321);

    private Database database;
    private TcpProxy proxy;
    private PayaraMicroProcess node;
    private OAuthClient client;

    @BeforeEach
    void startNodeReachingItsDatabaseThroughTheProxy(TestInfo test) {
        database = Database.create(Database.Kind.POSTGRESQL);
        proxy = TcpProxy.start(PROXY_PORT, database.kind.port);
        node = PayaraMicroProcess.start("outage-" + test.getTestMethod().orElseThrow().getName(), NODE_PORT,
                Map.of("gatehouse.settings-file", "src/test/resources/it/databases.json",
                        "gatehouse.key-management.encryption-key", "integration-tests-only"),
                database.environment(PROXY_PORT), database.payaraArguments());
        node.awaitReady(Duration.ofMinutes(3));
        assertTrue(node.log().contains("Gatehouse started"), () -> "the deployment failed:\n" + node.log());
        client = new OAuthClient(node.baseUrl());
    }

    @AfterEach
    void stop() {
        for (AutoCloseable resource : new AutoCloseable[] {node, proxy, database}) {
            if (resource != null) {
                try {
                    resource.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    @Test
    void requestsNeedingTheDatabaseAnswer503WhileItIsUnreachableAndSucceedAgainWhenItIsBack() throws Exception {
        String before = client.accessToken("reference", "api1");
        assertTrue(client.isActive("reference", before), "active while the database is reachable");

        proxy.cut();

        assertAll(
                () -> assertTemporarilyUnavailable(client.introspectionResponse("reference", before)),
                () -> assertTemporarilyUnavailable(client.revoke("reference", before)), // RFC 7009 §2.2.1: retry later
                () -> {
                    var jwt = client.accessToken("client", "api1");
                    assertEquals("client", SignedJWT.parse(jwt).getJWTClaimsSet().getStringClaim("client_id"),
                            "a JWT is issued without the database");
                    assertTrue(client.isActive("client", jwt), "and introspected without it");
                });

        proxy.restore();

        var issued = Poll.until(Duration.ofSeconds(30), "issuing reference tokens again",
                () -> Answer.of(client.tokenResponse("reference", "api1")), answer -> answer.status() == 200);
        String after = JSONObjectUtils.parse(issued.body()).get("access_token").toString();
        assertAll(
                () -> assertTrue(client.isActive("reference", before), "the token issued before the outage, not revoked"),
                () -> assertTrue(client.isActive("reference", after), "the token issued after it"),
                () -> assertEquals(1, node.log().split("Gatehouse started", -1).length - 1, "started once"));
    }

    @Test
    void issuingAReferenceTokenWhileTheDatabaseIsUnreachableAnswers503() {
        proxy.cut();

        assertTemporarilyUnavailable(client.tokenResponse("reference", "api1"));
    }

    /** RFC 6749 §5.2's shape with §4.1.2.1's code, a Retry-After (RFC 9110 §10.2.3), and no detail of the failure. */
    private static void assertTemporarilyUnavailable(HTTPResponse response) {
        var answer = Answer.of(response);
        assertAll(
                () -> assertEquals(503, answer.status(), answer.toString()),
                () -> assertEquals("temporarily_unavailable", JSONObjectUtils.parse(answer.body()).get("error"), answer.toString()),
                () -> assertTrue(answer.contentType() != null && answer.contentType().startsWith("application/json"),
                        answer.toString()),
                () -> assertTrue(answer.retryAfter() != null && answer.retryAfter().matches("[1-9][0-9]*"), answer.toString()),
                () -> {
                    for (String detail : List.of("Exception", "\tat ", "java.", "org.", "jdbc", "SQL", "PSQL", "5432",
                            String.valueOf(PROXY_PORT), "refused")) {
                        assertFalse(answer.body().contains(detail), "\"" + detail + "\" in " + answer);
                    }
                });
    }

    /** What a response says, readable in a failure message. */
    private record Answer(int status, String contentType, String retryAfter, String body) {

        static Answer of(HTTPResponse response) {
            return new Answer(response.getStatusCode(), response.getHeaderValue("Content-Type"),
                    response.getHeaderValue("Retry-After"), response.getBody() == null ? "" : response.getBody());
        }
    }
}
