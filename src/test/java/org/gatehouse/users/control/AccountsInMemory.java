package org.gatehouse.users.control;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.gatehouse.users.entity.ConfiguredUser;
import org.gatehouse.users.entity.UserAccount;
import org.gatehouse.users.entity.UserClaim;

/** UserAccounts without a database, for the beans above it. */
class AccountsInMemory extends UserAccounts {

    final Map<String, UserAccount> accounts = new HashMap<>();
    Map<String, String> lastStoredHashes;

    AccountsInMemory add(String subjectId, String username, String passwordHash, UserClaim... claims) {
        var account = new UserAccount(subjectId);
        account.update(username, passwordHash, ClaimsJson.write(List.of(claims)), true);
        accounts.put(subjectId, account);
        return this;
    }

    @Override
    public Optional<UserAccount> find(String subjectId) {
        return Optional.ofNullable(accounts.get(subjectId));
    }

    @Override
    public Optional<UserAccount> findByUsername(String username) {
        return accounts.values().stream().filter(a -> UserAccount.usernameKey(a.username()).equals(UserAccount.usernameKey(username)))
                .findFirst();
    }

    @Override
    public Map<String, String> passwordHashes() {
        return accounts.values().stream().collect(Collectors.toMap(UserAccount::subjectId, UserAccount::passwordHash));
    }

    @Override
    public Set<String> replaceConfigured(List<ConfiguredUser> users, Map<String, String> passwordHashes, Set<String> rehashed) {
        lastStoredHashes = Map.copyOf(passwordHashes);
        var locked = new TreeSet<String>();
        accounts.values().forEach(a -> {
            if (!passwordHashes.containsKey(a.subjectId())
                    || !passwordHashes.get(a.subjectId()).equals(a.passwordHash()) && !rehashed.contains(a.subjectId())) {
                locked.add(a.subjectId());
            }
        });
        accounts.clear();
        users.forEach(u -> add(u.subjectId(), u.username(), passwordHashes.get(u.subjectId()),
                u.claims().toArray(UserClaim[]::new)));
        return locked;
    }
}
