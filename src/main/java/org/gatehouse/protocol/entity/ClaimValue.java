package org.gatehouse.protocol.entity;

import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A claim's value as JSON, typed as Duende types it: by the .NET claim's {@code ValueType}. */
public final class ClaimValue {

    /** Claims Gatehouse sets itself: never taken from a user's profile or a client's {@code Claims}. */
    public static final Set<String> PROTOCOL_CLAIMS = Set.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti", "scope",
            "client_id", "cnf", "auth_time", "acr", "amr", "azp", "sid", "idp", "nonce", "at_hash", "c_hash", "s_hash");

    private ClaimValue() {
    }

    public static Object typed(String value, String valueType) {
        String type = valueType == null ? "" : valueType;
        try {
            if (type.endsWith("#integer") || type.endsWith("#integer32") || type.endsWith("#integer64")) {
                return Long.parseLong(value);
            }
            if (type.endsWith("#boolean") && (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false"))) {
                return Boolean.parseBoolean(value);
            }
            if (type.endsWith("#double")) {
                return Double.parseDouble(value);
            }
            if (type.equals("json")) { // Duende's IdentityServerConstants.ClaimValueTypes.Json: any JSON value
                return value.trim().startsWith("[") ? JSONArrayUtils.parse(value) : JSONObjectUtils.parse(value);
            }
        } catch (NumberFormatException | ParseException e) {
            // not what its type says: sent as the string it is
        }
        return value;
    }

    /** Adds a claim; a name given more than once becomes an array, as in Duende's tokens. */
    public static void add(Map<String, Object> claims, String name, Object value) {
        claims.merge(name, value, (existing, added) -> {
            var list = existing instanceof List<?> l ? new ArrayList<Object>(l) : new ArrayList<>(List.of(existing));
            list.add(added);
            return list;
        });
    }
}
