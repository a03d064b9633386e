package org.gatehouse.keys.control;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.gatehouse.keys.control.SigningKeysTest.InMemoryKeyRepository;
import org.gatehouse.keys.entity.KeyManagementOptions;

/** Real signing keys for tests of other packages, over an in-memory repository (one ES256 key, quick to generate, made at start). */
public final class TestSigningKeys {

    private TestSigningKeys() {
    }

    public static SigningKeys started(Clock clock) {
        return started(clock, false);
    }

    /** With an RSA-OAEP-256 key for request objects too, when {@code requestObjectEncryption}. */
    public static SigningKeys started(Clock clock, boolean requestObjectEncryption) {
        var keys = new SigningKeys();
        keys.repository = new InMemoryKeyRepository();
        keys.options = new KeyManagementOptions(List.of("ES256"), Duration.ofDays(90), Duration.ofDays(14),
                Duration.ofDays(14), 2048, null, List.of(), requestObjectEncryption);
        keys.clock = clock;
        keys.init();
        keys.start();
        return keys;
    }
}
