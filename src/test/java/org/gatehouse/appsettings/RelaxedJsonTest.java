package org.gatehouse.appsettings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RelaxedJsonTest {

    private static JsonObject object(String text) {
        return RelaxedJson.parse(text, "test.json").asJsonObject();
    }

    @Test
    void lineCommentsAreIgnored() {
        var json = object("""
                {
                  // a comment
                  "a": 1 // trailing comment
                }
                """);
        assertEquals(1, json.getInt("a"));
        assertEquals(1, json.size());
    }

    @Test
    void blockCommentsAreIgnoredEvenAcrossLines() {
        var json = object("{ /* one */ \"a\": /* two\n lines */ 1 }");
        assertEquals(1, json.getInt("a"));
    }

    @Test
    void trailingCommaAfterLastObjectMemberIsAccepted() {
        assertEquals(2, object("{ \"a\": 1, \"b\": 2, }").getInt("b"));
    }

    @Test
    void trailingCommaAfterLastArrayElementIsAccepted() {
        var array = RelaxedJson.parse("[ \"x\", \"y\", ]", "test.json").asJsonArray();
        assertEquals(2, array.size());
        assertEquals("y", array.getString(1));
    }

    @Test
    void trailingCommaFollowedByACommentIsAccepted() {
        var json = object("{ \"a\": [ 1, // last\n ], /* end */ }");
        assertEquals(1, json.getJsonArray("a").size());
    }

    @Test
    void commentLikeTextInsideStringsIsKept() {
        var json = object("{ \"uri\": \"http://x\", \"block\": \"/* not a comment */\" }");
        assertEquals("http://x", json.getString("uri"));
        assertEquals("/* not a comment */", json.getString("block"));
    }

    @Test
    void commaBeforeBracketInsideStringIsKept() {
        JsonArray array = RelaxedJson.parse("[ \"a,]\", \"b,}\" ]", "test.json").asJsonArray();
        assertEquals("a,]", array.getString(0));
        assertEquals("b,}", array.getString(1));
    }

    @Test
    void escapedQuotesDoNotEndAString() {
        var json = object("{ \"a\": \"say \\\"//hi\\\",]\", \"b\": \"back\\\\\", // c\n }");
        assertEquals("say \"//hi\",]", json.getString("a"));
        assertEquals("back\\", json.getString("b"));
    }

    @Test
    void commentsKeepLineNumbersSoErrorsPointAtTheRightLine() {
        var e = assertThrows(ConfigurationException.class, () -> RelaxedJson.parse("""
                {
                  /* a comment
                     over two lines */
                  "a": 1,
                  "b": oops
                }
                """, "/etc/gatehouse/appsettings.json"));
        assertTrue(e.getMessage().startsWith("/etc/gatehouse/appsettings.json: not valid JSON at line 5"), e.getMessage());
    }

    @Test
    void missingCommaIsASyntaxErrorNamingTheSource() {
        var e = assertThrows(ConfigurationException.class,
                () -> RelaxedJson.parse("{\n \"a\": 1\n \"b\": 2\n}", "gatehouse.clients"));
        assertTrue(e.getMessage().startsWith("gatehouse.clients: not valid JSON at line 3"), e.getMessage());
    }

    @Test
    void doubleCommaIsStillAnError() {
        assertThrows(ConfigurationException.class, () -> RelaxedJson.parse("[1,,]", "x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[,]", "{,}", "{ \"RedirectUris\": [ , ] }"})
    void commaWithoutAPrecedingValueIsAnError(String text) {
        assertThrows(ConfigurationException.class, () -> RelaxedJson.parse(text, "x"));
    }

    @Test
    void contentAfterTheDocumentIsAnError() {
        var e = assertThrows(ConfigurationException.class, () -> RelaxedJson.parse("""
                {
                  "IdentityServer": {
                    "ApiScopes": [ { "Name": "api1" } ]
                  }},
                  "Clients": [ { "ClientId": "lost" } ]
                }
                """, "appsettings.json"));
        assertTrue(e.getMessage().startsWith("appsettings.json: "), e.getMessage());
        assertThrows(ConfigurationException.class, () -> RelaxedJson.parse("{ \"a\": 1 } { \"b\": 2 }", "x"));
    }

    @Test
    void emptyDocumentIsAnErrorNamingTheSource() {
        var e = assertThrows(ConfigurationException.class, () -> RelaxedJson.parse("  // only a comment\n", "empty.json"));
        assertTrue(e.getMessage().startsWith("empty.json: "), e.getMessage());
    }

    @Test
    void unterminatedStringIsAnError() {
        assertThrows(ConfigurationException.class, () -> RelaxedJson.parse("{ \"a\": \"open }", "x"));
    }

    @Test
    void plainJsonParsesUnchanged() {
        JsonValue value = RelaxedJson.parse("{\"a\":[true,null,1.5]}", "x");
        assertEquals("{\"a\":[true,null,1.5]}", value.toString());
    }
}
