package org.gatehouse.users.control;

import org.gatehouse.users.entity.UserClaim;
import org.gatehouse.users.entity.UserProfile;

/** Real {@link UserProfiles} of fixed users, for tests of other packages (no database, no password). */
public final class TestUserProfiles {

    private TestUserProfiles() {
    }

    public static UserProfiles of(UserProfile... users) {
        var accounts = new AccountsInMemory();
        for (var user : users) {
            accounts.add(user.subjectId(), user.username(), null, user.claims().toArray(UserClaim[]::new));
        }
        var profiles = new UserProfiles();
        profiles.accounts = accounts;
        return profiles;
    }
}
