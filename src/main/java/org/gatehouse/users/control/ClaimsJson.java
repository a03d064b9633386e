package org.gatehouse.users.control;

import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.List;
import org.gatehouse.users.entity.UserClaim;

/** A user's claims as stored: a JSON array of {@code {"Type", "Value", "ValueType"}}, Duende's names. */
final class ClaimsJson {

    private static final JsonProvider JSON = JsonProvider.provider();

    private ClaimsJson() {
    }

    static String write(List<UserClaim> claims) {
        var array = JSON.createArrayBuilder();
        for (var claim : claims) {
            array.add(JSON.createObjectBuilder()
                    .add("Type", claim.type())
                    .add("Value", claim.value())
                    .add("ValueType", claim.valueType()));
        }
        return array.build().toString();
    }

    static List<UserClaim> read(String json) {
        try (var reader = JSON.createReader(new StringReader(json))) {
            return reader.readArray().getValuesAs(JsonObject.class).stream()
                    .map(o -> new UserClaim(o.getString("Type"), o.getString("Value"), o.getString("ValueType", "")))
                    .toList();
        }
    }
}
