package org.gatehouse.testing;

import com.nimbusds.jose.jwk.JWK;

/** Entries of a client's {@code ClientSecrets}, as JSON of the settings file. */
public final class TestSecrets {

    private TestSecrets() {
    }

    /** A {@code JsonWebKey} secret holding {@code key}'s public half; {@code more} adds fields, each led by a comma. */
    public static String jwk(JWK key, String... more) {
        return "{ \"Type\": \"JsonWebKey\", \"Value\": " + quoted(key.toPublicJWK().toJSONString()) + String.join("", more) + " }";
    }

    private static String quoted(String json) {
        return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
