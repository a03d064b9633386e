package org.gatehouse.protocol.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gatehouse.protocol.control.FormParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code application/x-www-form-urlencoded} writing (WHATWG URL §5.2, RFC 6749 Appendix B) and its round trip. */
class FormTest {

    private static Form form(String... namesAndValues) {
        var parameters = new LinkedHashMap<String, List<String>>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            parameters.computeIfAbsent(namesAndValues[i], n -> new java.util.ArrayList<>()).add(namesAndValues[i + 1]);
        }
        return new Form(parameters);
    }

    private static Form parse(String encoded) {
        return FormParser.parseEncoded(encoded).fold(f -> f, e -> {
            throw new AssertionError(e.toString());
        });
    }

    @Test
    void spacesAreEncodedAsPercent20SoTheResultIsAlsoAQuery() {
        assertEquals("scope=openid%20api1", form("scope", "openid api1").encoded());
    }

    @Test
    void reservedCharactersAreEncoded() {
        assertEquals("a=%2B%26%3D%25%23%3F%2F", form("a", "+&=%#?/").encoded());
        assertEquals("%3D%26=x", form("=&", "x").encoded());
    }

    @Test
    void utf8IsPercentEncoded() { // RFC 6749 Appendix B: UTF-8 octets, then percent-encoded
        assertEquals("name=J%C3%BCrgen%20%E2%82%AC", form("name", "Jürgen €").encoded());
    }

    @ParameterizedTest
    @ValueSource(strings = {"openid api1", "a+b", "a b+c", "x&y=z", "==", "&&", "100%", "%41", "Jürgen €", "日本語", "😀",
            "https://app.example/cb?x=1&y=2#f", "", " ", "~-._*"})
    void valuesSurviveTheRoundTrip(String value) {
        var form = form("v", value, value.isEmpty() ? "empty" : value, "name");
        assertEquals(form, parse(form.encoded()));
    }

    @Test
    void orderAndRepeatsSurviveTheRoundTrip() {
        var form = form("b", "1", "a", "2", "resource", "https://a.example", "resource", "https://b.example", "c", "");
        var parsed = parse(form.encoded());
        assertEquals(form, parsed);
        assertEquals(List.of("b", "a", "resource", "c"), List.copyOf(parsed.parameters().keySet()));
    }

    @Test
    void plusIsASpaceWhenParsed() {
        assertEquals(form("scope", "openid api1"), parse("scope=openid+api1"));
        assertEquals(form("scope", "openid api1"), parse("scope=openid%20api1"));
    }

    @Test
    void withoutRemovesEveryValueOfTheNames() {
        var form = form("a", "1", "prompt", "login", "b", "2", "prompt", "consent");
        assertEquals("a=1&b=2", form.without(Set.of("prompt")).encoded());
        assertEquals(form.encoded(), form.without(Set.of("absent")).encoded());
        assertEquals(Map.of(), form.without(Set.of("a", "b", "prompt")).parameters());
    }

    @Test
    void withSetsOneValue() {
        var form = form("a", "1", "b", "2", "b", "3");
        assertEquals("a=1&b=x%20y", form.with("b", "x y").encoded());
        assertEquals("a=1&b=2&b=3&c=4", form.with("c", "4").encoded());
        assertEquals("a=1&b=2&b=3", form.encoded()); // forms are immutable
    }

    @Test
    void emptyFormIsEmpty() {
        assertEquals("", new Form(Map.of()).encoded());
        assertEquals(new Form(Map.of()), parse(""));
    }
}
