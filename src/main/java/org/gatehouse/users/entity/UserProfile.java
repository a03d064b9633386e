package org.gatehouse.users.entity;

import java.util.List;

/** A user as tokens and userinfo describe them: the subject, the sign-in name and the claims. */
public record UserProfile(String subjectId, String username, List<UserClaim> claims) {
}
