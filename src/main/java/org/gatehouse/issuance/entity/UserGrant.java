package org.gatehouse.issuance.entity;

import java.time.Instant;
import java.util.List;

/** The user a token is issued for, and the sign-in it stems from ({@code sid}, {@code auth_time}, {@code amr}). */
public record UserGrant(String subjectId, String sessionId, Instant authTime, List<String> amr) {
}
