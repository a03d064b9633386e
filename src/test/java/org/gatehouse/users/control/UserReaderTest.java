package org.gatehouse.users.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.gatehouse.appsettings.Problems;
import org.gatehouse.appsettings.RelaxedJson;
import org.gatehouse.appsettings.SettingsNode;
import org.gatehouse.users.entity.ConfiguredUser;
import org.gatehouse.users.entity.UserClaim;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UserReaderTest {

    private final Problems problems = new Problems();

    private ConfiguredUser read(String json) {
        return UserReader.read(SettingsNode.root(RelaxedJson.parse("[" + json + "]", "test"), "test", problems)
                .elements().get(0));
    }

    @Test
    void minimalUserHasNoClaims() {
        var user = read("{ \"SubjectId\": \"1\", \"Username\": \"alice\", \"Password\": \"alice\" }");
        assertEquals(List.of(), problems.errors());
        assertEquals(new ConfiguredUser("1", "alice", "alice", List.of()), user);
    }

    @Test
    void duendeTestUserWithTypedClaimsAndCaseInsensitiveKeys() {
        var user = read("""
                { "subjectid": "2", "USERNAME": "Bob", "password": "bob",
                  "Claims": [
                    { "Type": "name", "Value": "Bob Smith" },
                    { "type": "email_verified", "value": true, "valuetype": "http://www.w3.org/2001/XMLSchema#boolean" },
                    { "Type": "address", "Value": "{ \\"locality\\": \\"Heidelberg\\" }", "ValueType": "json" },
                    { "Type": "role", "Value": "admin" }, { "Type": "role", "Value": "auditor", "ValueType": "" },
                  ] }""");
        assertEquals(List.of(), problems.errors());
        assertEquals("Bob", user.username(), "kept as configured");
        assertEquals(List.of(new UserClaim("name", "Bob Smith", UserClaim.STRING),
                new UserClaim("email_verified", "true", "http://www.w3.org/2001/XMLSchema#boolean"),
                new UserClaim("address", "{ \"locality\": \"Heidelberg\" }", "json"),
                new UserClaim("role", "admin", UserClaim.STRING),
                new UserClaim("role", "auditor", "")), user.claims());
    }

    @Test
    void hashedPasswordIsKeptAsGiven() {
        String hash = "PBKDF2WithHmacSHA256:600000:c2FsdA==:aGFzaA==";
        assertEquals(hash, read("{ \"SubjectId\": \"1\", \"Username\": \"a\", \"Password\": \"" + hash + "\" }").password());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "[ 1 ]                                                                     | test: [0]: must be a JSON object describing a user",
            "{ `Username`: `a`, `Password`: `p` }                                        | test: [0].SubjectId: is required",
            "{ `SubjectId`: ` `, `Username`: `a`, `Password`: `p` }                      | test: [0].SubjectId: is required",
            "{ `SubjectId`: `1`, `Password`: `p` }                                       | test: [0] (`1`).Username: is required",
            "{ `SubjectId`: `1`, `Username`: `a` }                                       | test: [0] (`1`).Password: is required",
            "{ `SubjectId`: `1`, `Username`: `a`, `Password`: `` }                       | test: [0] (`1`).Password: is required",
            "{ `SubjectId`: `1`, `Username`: `a`, `Password`: `p`, `IsActive`: false }   | test: [0] (`1`).IsActive: inactive users are not supported",
            "{ `SubjectId`: `1`, `Username`: `a`, `Password`: `p`, `Claims`: [ { `Value`: `v` } ] }            | test: [0] (`1`).Claims[0].Type: is required",
            "{ `SubjectId`: `1`, `Username`: `a`, `Password`: `p`, `Claims`: [ { `Type`: `t` } ] }             | test: [0] (`1`).Claims[0].Value: is required",
            "{ `SubjectId`: `1`, `Username`: `a`, `Password`: `p`, `Claims`: [ { `Type`: `sub`, `Value`: `2` } ] } | test: [0] (`1`).Claims[0].Type: `sub` is a claim Gatehouse sets itself",
            "{ `SubjectId`: `1`, `Username`: `a`, `Password`: `p`, `Claims`: [ { `Type`: `address`, `Value`: `{ street`, `ValueType`: `json` } ] } | test: [0] (`1`).Claims[0].Value: is not JSON",
            "{ `SubjectId`: `1`, `Username`: `a`, `Password`: `p`, `Claims`: { `name`: `A` } }                 | test: [0] (`1`).Claims: must be a JSON array"})
    void invalidUserIsReportedWithItsField(String json, String problem) {
        assertNull(read(json.replace('`', '"')));
        String expected = problem.replace('`', '"');
        assertTrue(problems.errors().stream().anyMatch(e -> e.startsWith(expected)), () -> expected + " in " + problems.errors());
    }

    @Test
    void overlongSubjectIdAndUsernameAreErrors() {
        String subjectId = "s".repeat(201);
        assertNull(read("{ \"SubjectId\": \"" + subjectId + "\", \"Username\": \"" + "u".repeat(201) + "\", \"Password\": \"p\" }"));
        assertEquals(List.of("test: [0].SubjectId: must be at most 200 characters",
                "test: [0] (\"" + subjectId + "\").Username: must be at most 200 characters"), problems.errors());
    }

    @Test
    void subjectIdOfTheColumnsLengthIsAllowed() {
        assertEquals("s".repeat(200), read("{ \"SubjectId\": \"" + "s".repeat(200) + "\", \"Username\": \"u\", \"Password\": \"p\" }")
                .subjectId());
    }

    @Test
    void malformedHashIsAnErrorThatDoesNotRepeatThePassword() {
        String almostHash = "PBKDF2WithHmacSHA256:2048:c2FsdA==:secret!";
        assertNull(read("{ \"SubjectId\": \"1\", \"Username\": \"a\", \"Password\": \"" + almostHash + "\" }"));
        assertEquals(List.of("test: [0] (\"1\").Password: looks like a Pbkdf2PasswordHash but is not a valid one:"
                + " the hash is not Base64"), problems.errors());
        assertFalse(problems.errors().get(0).contains("secret!"));
    }

    @Test
    void unknownPropertiesOnlyWarn() {
        assertEquals("1", read("{ \"SubjectId\": \"1\", \"Username\": \"a\", \"Password\": \"p\", \"ProviderName\": \"x\" }")
                .subjectId());
        assertEquals(List.of("test: [0] (\"1\").ProviderName: unknown property, ignored"), problems.warnings());
    }

    @Test
    void theClearPasswordStaysOutOfToString() {
        assertFalse(read("{ \"SubjectId\": \"1\", \"Username\": \"a\", \"Password\": \"hunter2\" }").toString().contains("hunter2"));
    }
}
