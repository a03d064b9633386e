package org.gatehouse.keys.control;

import java.time.Duration;
import java.util.List;
import org.gatehouse.keys.entity.KeyManagementOptions;

/** {@link MacKeys} as start-up makes them, for tests of other packages. */
public final class TestMacKeys {

    private TestMacKeys() {
    }

    /** @param encryptionKey the configured key, or null for a random one (development) */
    public static MacKeys create(String encryptionKey) {
        var keys = new MacKeys();
        keys.options = new KeyManagementOptions(List.of("RS256"), Duration.ofDays(90), Duration.ofDays(14),
                Duration.ofDays(14), 2048, encryptionKey, List.of(), false);
        keys.init();
        return keys;
    }
}
