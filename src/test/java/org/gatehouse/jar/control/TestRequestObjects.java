package org.gatehouse.jar.control;

import java.time.Clock;
import java.util.Map;
import org.gatehouse.clients.control.TestClientKeys;
import org.gatehouse.clients.control.TestReferencedSecrets;
import org.gatehouse.configuration.entity.Features;
import org.gatehouse.keys.control.TestSigningKeys;
import org.gatehouse.replay.control.TestReplayGuards;

/** {@link RequestObjects} on {@code clock}, every feature on, an in-memory replay table, a real fetcher. */
public final class TestRequestObjects {

    private TestRequestObjects() {
    }

    public static RequestObjects on(Clock clock) {
        return on(clock, Map.of());
    }

    /** With only {@code features} on. */
    public static RequestObjects on(Clock clock, Features features) {
        var objects = on(clock);
        objects.features = features;
        return objects;
    }

    /** @param secrets the MicroProfile properties that clients' {@code SharedSecretReference}s name */
    public static RequestObjects on(Clock clock, Map<String, String> secrets) {
        var objects = new RequestObjects();
        objects.clock = clock;
        objects.clientKeys = TestClientKeys.of(TestReferencedSecrets.of(secrets));
        objects.replays = TestReplayGuards.inMemory(clock);
        objects.features = Features.ALL;
        objects.fetcher = new RequestObjectFetcher();
        objects.serverKeys = TestSigningKeys.started(clock);
        return objects;
    }
}
