package org.gatehouse.configuration.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.gatehouse.appsettings.ConfigurationException;
import org.gatehouse.sessions.entity.SessionOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The session options: Duende's Authentication section, and Gatehouse's idle timeout beside it. */
class SessionSettingsTest {

    @TempDir
    Path dir;

    private final Map<String, String> properties = new HashMap<>(Map.of(SettingsReader.DEVELOPMENT, "true"));

    private SessionOptions read() {
        return new SettingsReader(name -> Optional.ofNullable(properties.get(name))).read().sessions();
    }

    private void settingsFile(String json) throws IOException {
        properties.put(SettingsReader.SETTINGS_FILE,
                Files.writeString(dir.resolve("appsettings.json"), json, StandardCharsets.UTF_8).toString());
    }

    @Test
    void byDefaultSessionsLastTenHoursWithoutIdleTimeoutAndClientsDoNotCoordinate() {
        assertEquals(new SessionOptions(Duration.ofHours(10), false, Optional.empty()), read());
    }

    @Test
    void duendesOptionsAndGatehousesIdleTimeoutAreRead() throws IOException {
        settingsFile("{ \"IdentityServer\": { \"Authentication\": { \"CookieLifetime\": \"08:00:00\","
                + " \"CoordinateClientLifetimesWithUserSession\": true } },"
                + " \"Gatehouse\": { \"Authentication\": { \"IdleTimeout\": \"00:30:00\" } } }");
        assertEquals(new SessionOptions(Duration.ofHours(8), true, Optional.of(Duration.ofMinutes(30))), read());
        properties.put(SettingsReader.IDLE_TIMEOUT, "PT15M");
        assertEquals(Optional.of(Duration.ofMinutes(15)), read().idleTimeout(), "the property overrides the file");
    }

    @Test
    void anIdleTimeoutUnderAMinuteIsAStartUpError() {
        properties.put(SettingsReader.IDLE_TIMEOUT, "PT10S");
        var message = assertThrows(ConfigurationException.class, this::read).getMessage();
        assertTrue(message.contains("gatehouse.authentication.idle-timeout: must be at least one minute"), message);
    }
}
