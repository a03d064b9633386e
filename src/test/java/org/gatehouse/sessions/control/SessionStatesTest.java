package org.gatehouse.sessions.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link SessionStates}: Session Management 1.0 §3's session_state, as the check-session iframe recomputes it. */
class SessionStatesTest {

    @Test
    void itIsTheHashOfClientOriginBrowserStateAndSaltThenTheSalt() throws Exception {
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                "app http://127.0.0.1:18480 0123abcd s4lt".getBytes(StandardCharsets.UTF_8))) + ".s4lt";
        assertEquals(expected, SessionStates.of("app", "http://127.0.0.1:18480/callback?x=1", "0123abcd", "s4lt"));
        assertEquals(expected, SessionStates.of("app", "HTTP://127.0.0.1:18480/other", "0123abcd", "s4lt"), "the origin only");
    }

    @Test
    void eachResponseHasItsOwnSalt() {
        var first = SessionStates.of("app", "https://app.example/cb", "sid").orElseThrow();
        var second = SessionStates.of("app", "https://app.example/cb", "sid").orElseThrow();
        assertNotEquals(first, second);
        assertTrue(first.matches("[0-9a-f]{64}\\.[0-9a-f]{32}"), first);
    }

    @Test
    void aNativeAppsRedirectHasNoOriginToFrameFrom() {
        assertEquals(Optional.empty(), SessionStates.of("app", "com.example.app:/callback", "sid"));
    }
}
