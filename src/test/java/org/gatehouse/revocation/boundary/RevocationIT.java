package org.gatehouse.revocation.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gatehouse.testing.BackChannelScenario;
import org.gatehouse.testing.Http;
import org.junit.jupiter.api.Test;

/**
 * Revocation (RFC 7009) of JWT and reference access tokens, black-box, with the Nimbus OAuth SDK: clients revoke their
 * own tokens, and the API {@code urn:orders} sees the result by introspection (RFC 7662). Configuration:
 * src/test/resources/it/appsettings.json.
 */
class RevocationIT extends BackChannelScenario {

    @Test
    void revokedReferenceTokenBecomesInactive() throws Exception {
        String token = token("orders.reference", "orders.read");

        assertEquals(200, revoke(client("orders.reference"), token).getStatusCode());

        assertFalse(introspect(api(), token).isActive());
    }

    @Test
    void aClientCannotRevokeAnotherClientsToken() throws Exception {
        String token = token("orders.reference", "orders.read");

        // RFC 7009 §2: "the request is refused"; RFC 6749 §5.2: invalid_grant, "issued to another client"
        assertError(revoke(client("client"), token), 400, "invalid_grant");

        assertTrue(introspect(api(), token).isActive());
    }

    @Test
    void revokingAnUnknownTokenSucceeds() throws Exception {
        assertEquals(200, revoke(client("client"), "no-such-token").getStatusCode()); // RFC 7009 §2.2
    }

    @Test
    void aRevokedJwtAccessTokenIsInactiveFromThenOn() throws Exception { // RFC 7009 §2, RFC 7662 §2.2
        String jwt = token("orders", "orders.read");
        String other = token("orders", "orders.read");
        assertTrue(introspect(api(), jwt).isActive());
        assertEquals(200, revoke(client("orders"), jwt).getStatusCode());
        assertFalse(introspect(api(), jwt).isActive(), "revoked, on every node: the list is in the database");
        assertTrue(introspect(api(), other).isActive(), "only that token");
        assertEquals(200, revoke(client("orders"), jwt).getStatusCode(), "again, still 200 (§2.2)");
    }

    @Test
    void revocationNeedsClientAuthentication() {
        var response = Http.form(revocation, "token=x");

        assertEquals(401, response.statusCode());
        assertTrue(response.body().contains("\"invalid_client\""), response.body());
    }
}
