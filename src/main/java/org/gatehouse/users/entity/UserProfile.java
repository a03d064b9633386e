package org.gatehouse.users.entity;

import java.util.List;

public record UserProfile(String subjectId, String username, List<UserClaim> claims) {
}
