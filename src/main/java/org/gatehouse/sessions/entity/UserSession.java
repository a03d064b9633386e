package org.gatehouse.sessions.entity;

import java.time.Instant;
import java.util.List;

/**
 * A user's single sign-on session: who signed in, when ({@code auth_time}) and how ({@code amr}, RFC 8176),
 * under the session id ({@code sid}) that the tokens issued in it carry.
 */
public record UserSession(String sessionId, String subjectId, Instant authTime, List<String> amr) {
}
