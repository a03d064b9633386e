package org.gatehouse.protocol.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gatehouse.protocol.entity.Form;
import org.gatehouse.protocol.entity.OAuthError;
import org.gatehouse.protocol.entity.Outcome;
import org.gatehouse.protocol.entity.Parameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class FormParserTest {

    private static final String FORM = "application/x-www-form-urlencoded";

    private static Outcome<Form> parse(String contentType, byte[] body) {
        return FormParser.parse(contentType, new ByteArrayInputStream(body));
    }

    private static Form form(String contentType, String body) {
        return parse(contentType, body.getBytes(StandardCharsets.US_ASCII))
                .fold(f -> f, e -> fail("expected a form, got " + e));
    }

    private static Form form(String body) {
        return form(FORM, body);
    }

    private static void assertInvalidRequest(Outcome<Form> outcome) {
        OAuthError error = outcome.fold(f -> fail("expected invalid_request, got " + f), e -> e);
        assertEquals("invalid_request", error.code());
        assertEquals(400, error.status());
    }

    private static void assertInvalidRequest(String body) {
        assertInvalidRequest(parse(FORM, body.getBytes(StandardCharsets.US_ASCII)));
    }

    @ParameterizedTest
    @ValueSource(strings = {FORM, FORM + ";charset=UTF-8", FORM + "; charset=utf-8", "Application/X-WWW-Form-URLEncoded",
            "APPLICATION/X-WWW-FORM-URLENCODED; CHARSET=UTF-8", FORM + "; charset=\"UTF-8\""})
    void formContentTypeIsAccepted(String contentType) {
        assertEquals(Optional.of("client_credentials"), form(contentType, "grant_type=client_credentials").value("grant_type"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "application/json", "text/plain", "multipart/form-data; boundary=x",
            "application/x-www-form-urlencodedx"})
    void otherContentTypeIsInvalidRequest(String contentType) {
        assertInvalidRequest(parse(contentType, "a=b".getBytes(StandardCharsets.US_ASCII)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ISO-8859-1", "utf-16", "us-ascii"})
    void charsetOtherThanUtf8IsInvalidRequest(String charset) {
        assertInvalidRequest(parse(FORM + "; charset=" + charset, "a=b".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void plusAndPercentEncodingAreDecoded() {
        var form = form("scope=api1+api2&redirect_uri=https%3A%2F%2Fapp.example%2Fcb%3Fa%3D1%26b%3D2&a%2Bb=1%2B1");
        assertEquals(Optional.of("api1 api2"), form.value("scope"));
        assertEquals(Optional.of("https://app.example/cb?a=1&b=2"), form.value("redirect_uri"));
        assertEquals(Optional.of("1+1"), form.value("a+b"));
    }

    @Test
    void multiByteUtf8IsDecoded() {
        assertEquals(Optional.of("Jürgen € 😀"), form("name=J%C3%BCrgen+%e2%82%ac+%F0%9F%98%80").value("name"));
    }

    @Test
    void valueMayContainEqualsSigns() {
        assertEquals(Optional.of("a=b"), form("x=a=b").value("x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=%zz", "a=%4", "a=%", "a=100%", "a=%4g", "%=x", "a=%%41"})
    void malformedPercentEncodingIsInvalidRequest(String body) {
        assertInvalidRequest(body);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=%C3%28", "a=%FF", "a=%C3", "a=%C0%AF", "a=%ED%A0%80", "a=%F4%90%80%80"})
    void invalidUtf8IsInvalidRequest(String body) {
        assertInvalidRequest(body);
    }

    @Test
    void unencodedNonAsciiByteIsInvalidRequest() {
        assertInvalidRequest(parse(FORM, "name=J\u00fcrgen".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void bodyOfExactly64KiBIsAccepted() {
        String body = "a=" + "x".repeat(FormParser.MAX_BODY_BYTES - 2);
        assertEquals(FormParser.MAX_BODY_BYTES - 2, form(body).value("a").orElseThrow().length());
    }

    @Test
    void bodyLargerThan64KiBIsInvalidRequest() {
        assertInvalidRequest("a=" + "x".repeat(FormParser.MAX_BODY_BYTES - 1));
    }

    @Test
    void unreadableBodyIsInvalidRequest() {
        var broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };
        assertInvalidRequest(FormParser.parse(FORM, broken));
    }

    @Test
    void emptyBodyIsAnEmptyForm() {
        assertEquals(Map.of(), form("").parameters());
    }

    @Test
    void emptyValuesAreKeptButTreatedAsAbsent() {
        var form = form("client_secret=&state&scope=api1&&");
        assertEquals(List.of(""), form.parameters().get("client_secret"));
        assertEquals(List.of(""), form.parameters().get("state"));
        assertEquals(Optional.empty(), form.value("client_secret"));
        assertEquals(Optional.empty(), form.value("state"));
        assertEquals(Optional.empty(), form.value("missing"));
        assertEquals(List.of(), form.values("client_secret"));
        assertEquals(Optional.of("api1"), form.value("scope"));
    }

    @Test
    void repeatedParametersAreDetected() {
        var form = form("scope=a&resource=https%3A%2F%2Fx&scope=b&resource=https%3A%2F%2Fy&grant_type=g");
        assertEquals(Set.of("resource", "scope"), form.repeated(Parameters.of()));
        assertEquals(Set.of("scope"), form.repeated(Parameters.of(Parameters.repeatable("resource", 2000))));
        assertEquals(List.of("https://x", "https://y"), form.values("resource"));
        assertEquals(List.of("a", "b"), form.parameters().get("scope"));
    }

    @Test
    void parametersKeepTheirOrder() {
        assertEquals(List.of("z", "a", "m"), List.copyOf(form("z=1&a=2&m=3").parameters().keySet()));
    }
}
