package org.gatehouse.users.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.gatehouse.users.entity.UserClaim;
import org.gatehouse.users.entity.UserProfile;

/** Placeholder until the users branch lands. */
@ApplicationScoped
public class UserProfiles {
    public Optional<UserProfile> find(String subjectId) {
        return Optional.of(new UserProfile(subjectId, "alice", List.of(new UserClaim("name", "Alice Smith", ""),
                new UserClaim("email", "AliceSmith@example.com", ""))));
    }
}
