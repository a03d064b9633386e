package org.gatehouse.users.control;

import jakarta.json.JsonException;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.gatehouse.appsettings.SettingsNode;
import org.gatehouse.protocol.entity.ClaimValue;
import org.gatehouse.users.entity.ConfiguredUser;
import org.gatehouse.users.entity.UserAccount;
import org.gatehouse.users.entity.UserClaim;

/**
 * Reads one user from configuration, in the shape of Duende's {@code TestUser}: {@code SubjectId},
 * {@code Username}, {@code Password} (clear, or a {@code Pbkdf2PasswordHash} encoding) and {@code Claims}.
 * Every problem is reported to the node's {@code Problems}, never with the password in it; the user is
 * returned only when it has none.
 */
public final class UserReader {

    private static final Set<String> KNOWN = Set.of("SubjectId", "Username", "Password", "Claims", "IsActive")
            .stream().map(k -> k.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());

    /** Claims Gatehouse sets itself in identity and access tokens; a user claim may not replace them. */

    private static final JsonProvider JSON = JsonProvider.provider();

    private UserReader() {
    }

    /** The user, or null when the node has problems (already reported). */
    public static ConfiguredUser read(SettingsNode node) {
        if (!node.isObject()) {
            node.error("must be a JSON object describing a user");
            return null;
        }
        int problemsBefore = node.problemCount();
        String subjectId = required(node, "SubjectId");
        if (subjectId == null) {
            return null;
        }
        var user = node.labelled(subjectId);
        user.warnAboutUnknownFields(KNOWN);
        String username = required(user, "Username");
        String password = password(user.field("Password"));
        if (!user.bool("IsActive", true)) {
            // Gatehouse keeps no "inactive" flag: ignoring this one would let the user sign in.
            user.field("IsActive").error("inactive users are not supported: remove the user instead");
        }
        var claims = claims(user.field("Claims"));
        if (user.problemCount() != problemsBefore) {
            return null;
        }
        return new ConfiguredUser(subjectId, username, password, claims);
    }

    private static String required(SettingsNode node, String name) {
        String value = node.string(name);
        if (value == null || value.isBlank()) {
            node.field(name).error("is required");
            return null;
        }
        if (value.length() > UserAccount.MAX_LENGTH) {
            node.field(name).error("must be at most " + UserAccount.MAX_LENGTH + " characters");
        }
        return value;
    }

    private static String password(SettingsNode node) {
        String password = node.asString();
        if (password == null || password.isEmpty()) {
            node.error("is required: a password, or its Pbkdf2PasswordHash (PBKDF2WithHmacSHA256:iterations:salt:hash)");
            return null;
        }
        if (Pbkdf2Encoding.isHashed(password)) {
            String defect = Pbkdf2Encoding.defect(password);
            if (defect != null) {
                node.error("looks like a Pbkdf2PasswordHash but is not a valid one: " + defect);
            }
        }
        return password;
    }

    private static List<UserClaim> claims(SettingsNode node) {
        var claims = new ArrayList<UserClaim>();
        for (var element : node.elements()) {
            element.warnAboutUnknownFields(Set.of("type", "value", "valuetype"));
            String type = element.string("Type");
            String value = element.string("Value");
            String valueType = element.string("ValueType", UserClaim.STRING);
            if (type == null || type.isBlank()) {
                element.field("Type").error("is required");
            } else if (value == null) {
                element.field("Value").error("is required");
            } else if (ClaimValue.PROTOCOL_CLAIMS.contains(type)) {
                element.field("Type").error("\"" + type + "\" is a claim Gatehouse sets itself");
            } else if (valueType.equals("json") && !isJson(value)) {
                element.field("Value").error("is not JSON, although its ValueType is \"json\"");
            } else {
                claims.add(new UserClaim(type, value, valueType));
            }
        }
        return List.copyOf(claims);
    }

    private static boolean isJson(String text) {
        try (var reader = JSON.createReader(new StringReader(text))) {
            reader.readValue();
            return true;
        } catch (JsonException e) {
            return false;
        }
    }
}
