package org.gatehouse.sessions.entity;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A user's single sign-on session: who signed in, when ({@code auth_time}) and how ({@code amr}, RFC 8176), under the
 * session id ({@code sid}) that the tokens issued in it carry, and the clients it signed into, which its end is
 * told of (front- and back-channel logout), until {@code expires} (its lifetime, or sooner its idle timeout).
 */
public record UserSession(String sessionId, String subjectId, Instant authTime, List<String> amr, Set<String> clientIds,
        Instant expires) {

    public UserSession {
        amr = List.copyOf(amr);
        clientIds = Set.copyOf(clientIds);
    }
}
