package org.gatehouse.clients.entity;

import java.util.Set;
import org.gatehouse.appsettings.DuendeValue;

/**
 * The FAPI 2.0 profile a client is held to: Gatehouse's client property {@code FapiProfile} (Duende has none). A
 * profile is not a second way of enforcing: it sets the defaults of the properties that enforce it (each enforced on
 * every path already) and refuses, at start-up and naming the property, settings that contradict it. See
 * {@code ClientReader} for the list, each rule with its section of FAPI 2.0 Security Profile §5.3 and Message Signing §5.
 */
public enum FapiProfile {
    @DuendeValue(value = 0, names = "None")
    NONE,
    /** FAPI 2.0 Security Profile: PAR, PKCE S256, private_key_jwt or mTLS, sender-constrained tokens, 60 s codes. */
    @DuendeValue(value = 1, names = "Fapi2Security")
    SECURITY,
    /** FAPI 2.0 Message Signing: the Security Profile, and signed request objects (§5.3). */
    @DuendeValue(value = 2, names = "Fapi2MessageSigning")
    MESSAGE_SIGNING;

    /**
     * Security Profile §5.4.1: the only algorithms for what Gatehouse and the client sign. The profile also allows
     * EdDSA, which Gatehouse neither signs with nor verifies (Nimbus needs Google Tink for Ed25519).
     */
    public static final Set<String> ALGORITHMS = Set.of("PS256", "ES256");

    /** Security Profile §5.3.2.1: authorization codes live at most 60 seconds. */
    public static final int MAX_CODE_LIFETIME = 60;

    /** Message Signing §5.3.1 (as FAPI 1 Advanced §5.2.2-13): a request object's {@code exp - nbf} at most 60 minutes. */
    public static final int MAX_REQUEST_OBJECT_LIFETIME = 3600;

    public boolean applies() {
        return this != NONE;
    }
}
