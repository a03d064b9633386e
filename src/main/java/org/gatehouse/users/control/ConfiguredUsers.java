package org.gatehouse.users.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.gatehouse.users.entity.ConfiguredUser;

/** Stores the users of configuration in the embedded identity store, at start-up. */
@ApplicationScoped
public class ConfiguredUsers {

    @Inject
    UserAccounts accounts;

    @Inject
    UserPasswords passwords;

    /**
     * Adds and updates the configured accounts and removes those no longer configured. Passwords are
     * hashed first, outside the transaction and its lock, since each hash takes a noticeable time.
     *
     * @return the subjects that can no longer sign in as before (removed, or their password changed)
     */
    public Set<String> store(List<ConfiguredUser> users) {
        var stored = accounts.passwordHashes();
        var hashes = new HashMap<String, String>();
        var rehashed = new HashSet<String>();
        for (var user : users) {
            String before = stored.get(user.subjectId());
            String hash = passwordHash(user.password(), before);
            hashes.put(user.subjectId(), hash);
            if (before != null && !hash.equals(before) && !Pbkdf2Encoding.isHashed(user.password())
                    && passwords.verify(user.password(), before)) {
                rehashed.add(user.subjectId()); // the same password, hashed anew: its sessions stay
            }
        }
        return accounts.replaceConfigured(users, hashes, rehashed);
    }

    /**
     * A configured hash as it is; for a clear password, the stored hash when it still verifies that password and is of
     * today's kind and strength (hashing anew at every start would be slow and change the row each time), else a new hash.
     */
    String passwordHash(String configured, String stored) {
        if (Pbkdf2Encoding.isHashed(configured)) {
            return configured;
        }
        if (stored != null && passwords.isCurrent(stored) && passwords.verify(configured, stored)) {
            return stored;
        }
        return passwords.hash(configured);
    }
}
