package org.gatehouse.appsettings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SettingsNodeTest {

    private final Problems problems = new Problems();

    private SettingsNode node(String json) {
        return SettingsNode.root(RelaxedJson.parse(json, "s.json"), "s.json", problems);
    }

    @ParameterizedTest
    @CsvSource({
            "90.00:00:00, P90D",
            "00:05:00, PT5M",
            "01:30, PT1H30M",
            "1.02:03:04.5, PT26H3M4.5S",
            "-00:01:00, PT-1M",
            "5, P5D",
            "P30D, P30D",
            "PT5M, PT5M"})
    void durationIsATimeSpanOrIso8601(String text, String expected) {
        assertEquals(Duration.parse(expected), SettingsNode.parseDuration(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"24:00:00", "00:60:00", "00:00:60", "ninety", "P1M", "1.5", ""})
    void malformedDurationIsNull(String text) {
        assertNull(SettingsNode.parseDuration(text));
    }

    @Test
    void lastOfKeysDifferingInCaseWins() {
        assertEquals("2", node("{ \"Name\": \"1\", \"name\": \"2\" }").string("NAME"));
    }

    @Test
    void locationNamesSourcePathAndLabel() {
        var element = node("{ \"Clients\": [ { \"ClientId\": \"web\" } ] }").field("Clients").elements().get(0);
        assertEquals("s.json: Clients[0] (\"web\").ClientId", element.labelled("web").field("ClientId").location());
    }

    @Test
    void nonArrayWhereAListIsExpectedIsAnError() {
        assertEquals(List.of(), node("{ \"Scopes\": \"api1\" }").strings("Scopes"));
        assertEquals(List.of("s.json: Scopes: must be a JSON array"), problems.errors());
    }

    @Test
    void blankListEntryIsAnError() {
        assertEquals(List.of("a"), node("{ \"Scopes\": [ \"a\", \" \" ] }").strings("Scopes"));
        assertEquals(List.of("s.json: Scopes[1]: must not be empty"), problems.errors());
    }

    @Test
    void objectWhereAValueIsExpectedIsAnError() {
        assertNull(node("{ \"Name\": { } }").string("Name"));
        assertEquals(List.of("s.json: Name: must be a single value, not object"), problems.errors());
    }

    @ParameterizedTest
    @CsvSource({
            "2027-01-31, 2027-01-31T00:00:00Z",
            "2027-01-31T12:00:00, 2027-01-31T12:00:00Z",
            "2027-01-31T12:00:00+02:00, 2027-01-31T10:00:00Z",
            "2027-01-31T12:00:00Z, 2027-01-31T12:00:00Z"})
    void instantReadsDatesAsUtc(String text, String expected) {
        assertEquals(Instant.parse(expected), node("{ \"Expiration\": \"" + text + "\" }").instant("Expiration"));
    }
}
