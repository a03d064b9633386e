package org.gatehouse.users.control;

import java.util.Map;

/** {@link UserAccounts} without a database for tests of other packages: subject id → username, no passwords. */
public final class TestUserAccounts {

    private TestUserAccounts() {
    }

    public static UserAccounts of(Map<String, String> usernames) {
        var accounts = new AccountsInMemory();
        usernames.forEach((subjectId, username) -> accounts.add(subjectId, username, "unused"));
        return accounts;
    }
}
