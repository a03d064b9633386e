package org.gatehouse.users.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.gatehouse.users.entity.UserProfile;

/**
 * Profiles of the embedded identity store's users. A subject signed in through another identity store
 * has none here.
 */
@ApplicationScoped
public class UserProfiles {

    @Inject
    UserAccounts accounts;

    public Optional<UserProfile> find(String subjectId) {
        return accounts.find(subjectId)
                .map(account -> new UserProfile(account.subjectId(), account.username(), ClaimsJson.read(account.claims())));
    }
}
