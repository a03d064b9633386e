package org.gatehouse.protocol.control;

import static org.gatehouse.protocol.entity.ErrorCode.INVALID_REQUEST;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.gatehouse.protocol.entity.Form;
import org.gatehouse.protocol.entity.OAuthError;
import org.gatehouse.protocol.entity.Outcome;

/**
 * Reads an {@code application/x-www-form-urlencoded} body (RFC 6749 Appendix B) strictly: the right
 * content type, UTF-8, well-formed percent-encoding and a bounded size, so malformed input gets a clear
 * {@code invalid_request} rather than a best guess.
 */
public final class FormParser {

    /** Far above any legitimate token request; bounds the memory an anonymous caller can make us use. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private FormParser() {
    }

    public static Outcome<Form> parse(String contentType, InputStream body) {
        if (!isFormContentType(contentType)) {
            return Outcome.failure(new OAuthError(INVALID_REQUEST,
                    "the request must be sent as application/x-www-form-urlencoded (RFC 6749 section 3.2)"));
        }
        byte[] bytes;
        try {
            bytes = readAtMost(body, MAX_BODY_BYTES);
        } catch (IOException e) {
            return Outcome.failure(new OAuthError(INVALID_REQUEST, "the request body could not be read"));
        }
        if (bytes == null) {
            return Outcome.failure(new OAuthError(INVALID_REQUEST, "the request body exceeds " + MAX_BODY_BYTES + " bytes"));
        }
        return parseEncoded(new String(bytes, StandardCharsets.ISO_8859_1)); // the encoded form is ASCII
    }

    /** Parses {@code application/x-www-form-urlencoded} text: a form body, or a URI's raw query. */
    public static Outcome<Form> parseEncoded(String text) {
        var parameters = new LinkedHashMap<String, List<String>>();
        if (text == null || text.isEmpty()) {
            return Outcome.success(new Form(parameters));
        }
        if (text.length() > MAX_BODY_BYTES) {
            return Outcome.failure(new OAuthError(INVALID_REQUEST, "the request exceeds " + MAX_BODY_BYTES + " bytes"));
        }
        for (String pair : text.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = decode(eq < 0 ? "" : pair.substring(eq + 1));
            if (name == null || value == null) {
                return Outcome.failure(new OAuthError(INVALID_REQUEST, "the form body is not valid UTF-8 percent-encoding"));
            }
            parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return Outcome.success(new Form(parameters));
    }

    private static boolean isFormContentType(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";");
        if (!parts[0].trim().equalsIgnoreCase("application/x-www-form-urlencoded")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter[0].trim().equalsIgnoreCase("charset") && parameter.length == 2
                    && !parameter[1].trim().replace("\"", "").equalsIgnoreCase("utf-8")) {
                return false; // RFC 6749 Appendix B: UTF-8
            }
        }
        return true;
    }

    /** The bytes, or null when there are more than {@code limit}. */
    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        var out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            if (out.size() + n > limit) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** Percent-decodes one name or value ({@code +} is a space); null when malformed or not UTF-8. */
    public static String decode(String encoded) {
        var bytes = ByteBuffer.allocate(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '+') {
                bytes.put((byte) ' ');
            } else if (c == '%') {
                if (i + 2 >= encoded.length()) {
                    return null;
                }
                int hi = hexDigit(encoded.charAt(i + 1));
                int lo = hexDigit(encoded.charAt(i + 2));
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes.put((byte) (hi << 4 | lo));
                i += 2;
            } else if (c > 0x7F) {
                return null;
            } else {
                bytes.put((byte) c);
            }
        }
        bytes.flip();
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** RFC 3986 §2.1: HEXDIG is ASCII only (Character.digit would take other scripts' digits too). */
    private static int hexDigit(char c) {
        return c < 0x80 ? Character.digit(c, 16) : -1;
    }
}
