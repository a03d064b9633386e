package org.gatehouse.appsettings;

import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;

/**
 * JSON as ASP.NET Core's configuration reads it: {@code //} and {@code /* *}{@code /} comments and
 * trailing commas are allowed, because real Duende appsettings.json files contain both. Comments and
 * trailing commas are blanked out (newlines kept, so parser positions stay true) and the rest is
 * parsed strictly by JSON-P.
 */
public final class RelaxedJson {

    private static final JsonProvider JSON = JsonProvider.provider();

    private RelaxedJson() {
    }

    /**
     * Parses {@code text} as one JSON value and nothing after it; a syntax error becomes a
     * {@link ConfigurationException} naming {@code source} and the position.
     */
    public static JsonValue parse(String text, String source) {
        try (var parser = JSON.createParser(new StringReader(strip(text)))) {
            if (!parser.hasNext()) {
                throw new ConfigurationException(source + ": not valid JSON: the document is empty");
            }
            parser.next();
            var value = parser.getValue();
            if (parser.hasNext()) { // a stray brace must not silently drop the rest of a file
                parser.next();
                var at = parser.getLocation();
                throw new ConfigurationException(source + ": not valid JSON at line " + at.getLineNumber()
                        + ", column " + at.getColumnNumber() + ": content after the end of the document");
            }
            return value;
        } catch (JsonParsingException e) {
            var at = e.getLocation();
            throw new ConfigurationException(source + ": not valid JSON at line " + at.getLineNumber()
                    + ", column " + at.getColumnNumber() + ": " + e.getMessage());
        } catch (JsonException e) {
            throw new ConfigurationException(source + ": not valid JSON: " + e.getMessage());
        }
    }

    static String strip(String text) {
        var out = new StringBuilder(text);
        int lastSignificant = -1; // index of the last character that is neither blank nor inside a comment
        int beforeLast = -1;      // the significant character before that one
        for (int i = 0; i < out.length(); i++) {
            char c = out.charAt(i);
            if (c == '"') {
                beforeLast = lastSignificant;
                i = endOfString(out, i);
                lastSignificant = i;
            } else if (c == '/' && i + 1 < out.length() && out.charAt(i + 1) == '/') {
                int end = i;
                while (end < out.length() && out.charAt(end) != '\n') {
                    out.setCharAt(end++, ' ');
                }
                i = end - 1;
            } else if (c == '/' && i + 1 < out.length() && out.charAt(i + 1) == '*') {
                int end = out.indexOf("*/", i + 2);
                end = end < 0 ? out.length() : end + 2; // an unclosed comment runs to the end, as in .NET
                for (int j = i; j < end; j++) {
                    if (out.charAt(j) != '\n') {
                        out.setCharAt(j, ' ');
                    }
                }
                i = end - 1;
            } else if ((c == '}' || c == ']') && lastSignificant >= 0 && out.charAt(lastSignificant) == ','
                    && beforeLast >= 0 && "[{,".indexOf(out.charAt(beforeLast)) < 0) {
                out.setCharAt(lastSignificant, ' '); // a trailing comma after a value, as .NET allows
                beforeLast = -1;
                lastSignificant = i;
            } else if (!Character.isWhitespace(c)) {
                beforeLast = lastSignificant;
                lastSignificant = i;
            }
        }
        return out.toString();
    }

    /** Index of the quote that closes the string opening at {@code start} (or the last index). */
    private static int endOfString(CharSequence s, int start) {
        for (int i = start + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return s.length() - 1;
    }
}
