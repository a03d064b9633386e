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
        var keys = new SigningKeys();
        keys.repository = new InMemoryKeyRepository();
        keys.options = new KeyManagementOptions(List.of("ES256"), Duration.ofDays(90), Duration.ofDays(14),
                Duration.ofDays(14), 2048, null, List.of());
        keys.clock = clock;
        keys.init();
        keys.start();
        return keys;
    }
}
