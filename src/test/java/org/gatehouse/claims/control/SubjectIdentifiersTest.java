package org.gatehouse.claims.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.gatehouse.Fixtures;
import org.gatehouse.clients.entity.Client;
import org.junit.jupiter.api.Test;

/** Pairwise subject identifiers, OIDC Core §8 and §8.1. */
class SubjectIdentifiersTest {

    private static Client client(String clientId, String salt, String... redirectUris) {
        var uris = new StringBuilder();
        for (String uri : redirectUris) {
            uris.append(uris.length() == 0 ? "" : ", ").append('"').append(uri).append('"');
        }
        return Fixtures.validClient(Fixtures.client(clientId, "[ \"authorization_code\" ]",
                "\"RedirectUris\": [ " + uris + " ]",
                salt == null ? "\"Enabled\": true" : "\"PairWiseSubjectSalt\": \"" + salt + "\""));
    }

    /** §8.1's example calculation: base64url(SHA-256(sector_identifier || local_account_id || salt)), computed here. */
    private static String pairwise(String sector, String subject, String salt) throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest((sector + subject + salt).getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    }

    @Test
    void withoutSaltTheSubjectIsTheUsersOwn() { // §8: public subject identifiers
        assertEquals("alice", SubjectIdentifiers.forClient(client("web", null, "https://app.example/cb"), "alice"));
    }

    @Test
    void withSaltTheSubjectIsPairwise() throws Exception {
        var web = client("web", "pepper", "https://app.example/cb");
        String sub = SubjectIdentifiers.forClient(web, "alice");
        assertNotEquals("alice", sub);
        assertEquals(pairwise("app.example", "alice", "pepper"), sub);
        assertEquals(sub, SubjectIdentifiers.forClient(web, "alice")); // stable
        assertNotEquals(sub, SubjectIdentifiers.forClient(web, "bob"));
        assertTrue(sub.matches("[A-Za-z0-9_-]{43}"), sub);
    }

    /** §8.1: the sector identifier is the host of the redirect URIs; clients of one sector see the same sub. */
    @Test
    void clientsOfOneSectorSeeTheSameSubject() {
        var one = client("one", "pepper", "https://app.example/cb");
        var two = client("two", "pepper", "https://app.example/other", "https://app.example:8443/cb2");
        assertEquals("app.example", SubjectIdentifiers.sectorIdentifier(two));
        assertEquals(SubjectIdentifiers.forClient(one, "alice"), SubjectIdentifiers.forClient(two, "alice"));
    }

    @Test
    void clientsOfDifferentSectorsSeeDifferentSubjects() {
        var one = client("one", "pepper", "https://app.example/cb");
        var other = client("one", "pepper", "https://other.example/cb");
        assertNotEquals(SubjectIdentifiers.forClient(one, "alice"), SubjectIdentifiers.forClient(other, "alice"));
    }

    @Test
    void anotherSaltGivesAnotherSubject() {
        assertNotEquals(SubjectIdentifiers.forClient(client("one", "pepper", "https://app.example/cb"), "alice"),
                SubjectIdentifiers.forClient(client("one", "salt", "https://app.example/cb"), "alice"));
    }

    /** §8.1: with several hosts and no sector_identifier_uri, the client itself is the sector. */
    @Test
    void withSeveralHostsTheClientIsTheSector() throws Exception {
        var client = client("multi", "pepper", "https://a.example/cb", "https://b.example/cb");
        assertEquals("multi", SubjectIdentifiers.sectorIdentifier(client));
        assertEquals(pairwise("multi", "alice", "pepper"), SubjectIdentifiers.forClient(client, "alice"));
    }

    @Test
    void withoutHostTheClientIsTheSector() {
        assertEquals("native", SubjectIdentifiers.sectorIdentifier(client("native", "pepper", "com.example.app:/callback")));
    }

    // --- failing: bugs found ---

    /**
     * OIDC Core §8.1: the sector is the host of the redirect URIs; RFC 3986 §3.2.2: "The host subcomponent is
     * case-insensitive". Redirect URIs differing only in the host's case are one sector, not several.
     */
    @Test
    void hostsDifferingInCaseAreOneSector() {
        assertEquals("app.example", SubjectIdentifiers.sectorIdentifier(
                client("mixed", "pepper", "https://app.example/cb", "https://App.Example/cb2")).toLowerCase());
        assertEquals(SubjectIdentifiers.forClient(client("one", "pepper", "https://app.example/cb"), "alice"),
                SubjectIdentifiers.forClient(client("two", "pepper", "https://APP.example/cb"), "alice"));
    }
}
