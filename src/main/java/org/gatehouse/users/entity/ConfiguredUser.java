package org.gatehouse.users.entity;

import java.util.List;

/**
 * A user from configuration (Duende's {@code TestUser}). {@code password} is either clear text, hashed
 * before it is stored, or already a {@code Pbkdf2PasswordHash} encoding, stored as it is.
 */
public record ConfiguredUser(String subjectId, String username, String password, List<UserClaim> claims) {

    /** Kept out of logs and exception messages. */
    @Override
    public String toString() {
        return "ConfiguredUser[subjectId=" + subjectId + ", username=" + username + ", claims=" + claims + "]";
    }
}
