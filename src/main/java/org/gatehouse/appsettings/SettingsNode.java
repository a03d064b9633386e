package org.gatehouse.appsettings;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One value of a configuration document, read with .NET configuration's rules (see
 * {@code shared/notes/duende-compat.md}): keys match case-insensitively, booleans and numbers may be
 * strings, {@code null} leaves the default, enums bind by name or number. A value that does not fit is
 * reported to {@link Problems} with its location and the default is used, so that every problem of a
 * document is found in one pass.
 */
public final class SettingsNode {

    private static final Pattern TIME_SPAN =
            Pattern.compile("(-)?(?:(\\d+)\\.)?(\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d{1,7}))?)?");

    private final String source;
    private final String path;
    private final JsonValue value; // null when the key is absent
    private final Problems problems;

    private SettingsNode(String source, String path, JsonValue value, Problems problems) {
        this.source = source;
        this.path = path;
        this.value = value;
        this.problems = problems;
    }

    public static SettingsNode root(JsonValue value, String source, Problems problems) {
        return new SettingsNode(source, "", value, problems);
    }

    /** Where this value is, as an administrator would look for it: {@code file: Section.List[2].Field}. */
    public String location() {
        return path.isEmpty() ? source : source + ": " + path;
    }

    public String source() {
        return source;
    }

    /** Present and not JSON {@code null}. */
    public boolean isPresent() {
        return value != null && value.getValueType() != JsonValue.ValueType.NULL;
    }

    public boolean isObject() {
        return value instanceof JsonObject;
    }

    /** The same node, named for humans: {@code Clients[0] ("web")}. */
    public SettingsNode labelled(String label) {
        return new SettingsNode(source, path + " (\"" + label + "\")", value, problems);
    }

    public SettingsNode field(String name) {
        String childPath = path.isEmpty() ? name : path + "." + name;
        if (!(value instanceof JsonObject object)) {
            return new SettingsNode(source, childPath, null, problems);
        }
        JsonValue found = null;
        for (var entry : object.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                found = entry.getValue(); // like .NET configuration, the last of equal keys wins
            }
        }
        return new SettingsNode(source, childPath, found, problems);
    }

    /** The keys of this object as written, or none when it is not an object. */
    public Set<String> fieldNames() {
        return value instanceof JsonObject object ? object.keySet() : Set.of();
    }

    /** The elements of this array; an absent value is an empty list. */
    public List<SettingsNode> elements() {
        if (!isPresent()) {
            return List.of();
        }
        if (!(value instanceof JsonArray array)) {
            error("must be a JSON array");
            return List.of();
        }
        var elements = new ArrayList<SettingsNode>(array.size());
        for (int i = 0; i < array.size(); i++) {
            elements.add(new SettingsNode(source, path + "[" + i + "]", array.get(i), problems));
        }
        return elements;
    }

    /** How many errors the whole document has so far; readers compare it to see if a part added any. */
    public int problemCount() {
        return problems.errorCount();
    }

    public void error(String message) {
        problems.error(location(), message);
    }

    public void warning(String message) {
        problems.warning(location(), message);
    }

    /** This value as text (numbers and booleans too, as .NET configuration holds everything as text). */
    public String asString() {
        if (!isPresent()) {
            return null;
        }
        return switch (value.getValueType()) {
            case STRING -> ((JsonString) value).getString();
            case NUMBER, TRUE, FALSE -> value.toString();
            default -> {
                error("must be a single value, not " + value.getValueType().name().toLowerCase(Locale.ROOT));
                yield null;
            }
        };
    }

    public String string(String name) {
        return field(name).asString();
    }

    public String string(String name, String defaultValue) {
        String text = string(name);
        return text == null ? defaultValue : text;
    }

    public boolean bool(String name, boolean defaultValue) {
        return field(name).asBoolean(defaultValue);
    }

    /** A nullable boolean (.NET {@code bool?}). */
    public Boolean optionalBool(String name) {
        return field(name).asBoolean();
    }

    public boolean asBoolean(boolean defaultValue) {
        Boolean parsed = asBoolean();
        return parsed == null ? defaultValue : parsed;
    }

    private Boolean asBoolean() {
        String text = asString();
        if (text == null) {
            return null;
        }
        if (text.trim().equalsIgnoreCase("true") || text.trim().equalsIgnoreCase("false")) {
            return Boolean.valueOf(text.trim());
        }
        error("must be true or false, not \"" + text + "\"");
        return null;
    }

    public int integer(String name, int defaultValue) {
        Integer parsed = optionalInteger(name);
        return parsed == null ? defaultValue : parsed;
    }

    /** A nullable integer (.NET {@code int?}). */
    public Integer optionalInteger(String name) {
        return field(name).asInteger();
    }

    public Integer asInteger() {
        if (value instanceof JsonNumber number && !number.isIntegral()) {
            error("must be a whole number, not " + number);
            return null;
        }
        String text = asString();
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            error("must be a whole number, not \"" + text + "\"");
            return null;
        }
    }

    /** A list of strings; absent is empty, and blank entries are reported. */
    public List<String> strings(String name) {
        var list = new ArrayList<String>();
        for (var element : field(name).elements()) {
            String text = element.asString();
            if (text == null || text.isBlank()) {
                element.error("must not be empty");
            } else {
                list.add(text);
            }
        }
        return list;
    }

    /** A string-to-string object, such as Duende's {@code Properties}. */
    public Map<String, String> dictionary(String name) {
        var node = field(name);
        var map = new LinkedHashMap<String, String>();
        if (!node.isPresent()) {
            return map;
        }
        if (!node.isObject()) {
            node.error("must be a JSON object");
            return map;
        }
        for (String key : node.fieldNames()) {
            String text = node.field(key).asString();
            map.put(key, text);
        }
        return map;
    }

    /**
     * An enum by name (case-insensitive) or number; a comma-separated list combines flags, as .NET's
     * enum converter does ({@code "Nonce, Iat"} is Iat | Nonce).
     */
    public <E extends Enum<E>> E enumeration(String name, Class<E> type, E defaultValue) {
        return field(name).asEnumeration(type, defaultValue);
    }

    /** This value as {@link #enumeration} reads a field. */
    public <E extends Enum<E>> E asEnumeration(Class<E> type, E defaultValue) {
        String text = asString();
        if (text == null) {
            return defaultValue;
        }
        int number = 0;
        for (String part : text.split(",")) {
            E constant = constant(type, part.trim());
            if (constant == null) {
                number = -1;
                break;
            }
            number |= duende(constant).value();
        }
        for (E constant : type.getEnumConstants()) {
            if (duende(constant).value() == number) {
                return constant;
            }
        }
        var allowed = new ArrayList<String>();
        for (E constant : type.getEnumConstants()) {
            allowed.add(duende(constant).names()[0]);
        }
        error("must be one of " + String.join(", ", allowed) + ", not \"" + text + "\"");
        return defaultValue;
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String text) {
        for (E constant : type.getEnumConstants()) {
            var duende = duende(constant);
            if (text.equals(Integer.toString(duende.value())) || Arrays.stream(duende.names()).anyMatch(text::equalsIgnoreCase)) {
                return constant;
            }
        }
        return null;
    }

    /** The name configuration gives the constant (its {@link DuendeValue}'s first), as messages should spell it. */
    public static String configName(Enum<?> constant) {
        return duende(constant).names()[0];
    }

    private static DuendeValue duende(Enum<?> constant) {
        try {
            var value = constant.getDeclaringClass().getField(constant.name()).getAnnotation(DuendeValue.class);
            if (value == null) {
                throw new IllegalStateException(constant.getDeclaringClass().getSimpleName() + "." + constant.name()
                        + " has no @DuendeValue");
            }
            return value;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e); // every enum constant is a public field
        }
    }

    public Duration duration(String name, Duration defaultValue) {
        return field(name).asDuration(defaultValue);
    }

    public Duration asDuration(Duration defaultValue) {
        String text = asString();
        if (text == null) {
            return defaultValue;
        }
        Duration parsed = parseDuration(text.trim());
        if (parsed == null) {
            error("must be a duration such as \"00:05:00\", \"90.00:00:00\" or \"P90D\", not \"" + text + "\"");
            return defaultValue;
        }
        return parsed;
    }

    /** Parses a .NET TimeSpan or an ISO-8601 duration; null when it is neither. */
    public static Duration parseDuration(String text) {
        if (text.startsWith("P") || text.startsWith("-P")) {
            try {
                return Duration.parse(text);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        if (text.matches("\\d+")) { // .NET reads a bare number as days
            return Duration.ofDays(Long.parseLong(text));
        }
        var m = TIME_SPAN.matcher(text);
        if (!m.matches() || Integer.parseInt(m.group(3)) > 23 || Integer.parseInt(m.group(4)) > 59
                || (m.group(5) != null && Integer.parseInt(m.group(5)) > 59)) {
            return null;
        }
        Duration d = Duration.ofDays(m.group(2) == null ? 0 : Long.parseLong(m.group(2)))
                .plusHours(Long.parseLong(m.group(3)))
                .plusMinutes(Long.parseLong(m.group(4)))
                .plusSeconds(m.group(5) == null ? 0 : Long.parseLong(m.group(5)));
        if (m.group(6) != null) {
            String fraction = (m.group(6) + "000000000").substring(0, 9);
            d = d.plusNanos(Long.parseLong(fraction));
        }
        return m.group(1) != null ? d.negated() : d;
    }

    /**
     * A .NET {@code DateTime}: an ISO-8601 instant, date-time with offset, local date-time or date.
     * Values without an offset are taken as UTC.
     */
    public Instant instant(String name) {
        var node = field(name);
        String text = node.asString();
        if (text == null) {
            return null;
        }
        String t = text.trim();
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException notWithOffset) {
            try {
                return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException notDate) {
                    node.error("must be a date such as \"2027-01-31\" or \"2027-01-31T12:00:00Z\", not \"" + text + "\"");
                    return null;
                }
            }
        }
    }

    /** Warns about keys of this object that no reader knows, which are usually typos. */
    public void warnAboutUnknownFields(Set<String> knownLowerCase) {
        for (String key : fieldNames()) {
            if (!knownLowerCase.contains(key.toLowerCase(Locale.ROOT))) {
                field(key).warning("unknown property, ignored");
            }
        }
    }

    /** The raw JSON of this node, for storing a validated document as it was written. */
    public JsonValue json() {
        return value;
    }
}
