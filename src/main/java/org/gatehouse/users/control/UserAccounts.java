package org.gatehouse.users.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.gatehouse.platform.control.ClusterLock;
import org.gatehouse.users.entity.ConfiguredUser;
import org.gatehouse.users.entity.UserAccount;

/** The embedded identity store's accounts in the database ({@code GH_USER}). */
@ApplicationScoped
public class UserAccounts {

    private static final Logger LOG = Logger.getLogger(UserAccounts.class.getName());

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    @Inject
    ClusterLock lock;

    /** Reads in a transaction, as GrantStore's do: Payara's non-transactional EntityManager is shared. */
    @Transactional
    public Optional<UserAccount> find(String subjectId) {
        return Optional.ofNullable(em.find(UserAccount.class, subjectId));
    }

    /** The account whose name is {@code username}, compared case-insensitively. */
    @Transactional
    public Optional<UserAccount> findByUsername(String username) {
        return em.createQuery("select u from UserAccount u where u.usernameKey = :key", UserAccount.class)
                .setParameter("key", UserAccount.usernameKey(username))
                .getResultStream()
                .findFirst();
    }

    /** Subject id → stored password hash, of every account. */
    public Map<String, String> passwordHashes() {
        return em.createQuery("select u from UserAccount u", UserAccount.class).getResultStream()
                .collect(Collectors.toMap(UserAccount::subjectId, UserAccount::passwordHash));
    }

    /**
     * Makes the configured accounts exactly {@code users}, with the given password hashes (subject id →
     * hash), in one transaction; accounts not from configuration stay.
     *
     * @param rehashed the subjects whose new hash is of the same password (a stronger or other kind of hash)
     * @return the subjects that can no longer sign in as before: accounts removed, or whose password changed
     */
    @Transactional
    public Set<String> replaceConfigured(List<ConfiguredUser> users, Map<String, String> passwordHashes, Set<String> rehashed) {
        lock.acquire(ClusterLock.CONFIGURATION);
        var existing = new HashMap<String, UserAccount>();
        em.createQuery("select u from UserAccount u", UserAccount.class).getResultStream()
                .forEach(account -> existing.put(account.subjectId(), account));
        var wanted = users.stream().map(ConfiguredUser::subjectId).collect(Collectors.toSet());
        int changed = 0;
        var locked = new TreeSet<String>();
        for (var stale : existing.values()) {
            if (stale.configured() && !wanted.contains(stale.subjectId())) {
                em.remove(stale);
                locked.add(stale.subjectId());
                changed++;
            }
        }
        em.flush(); // a removed account's username may be taken by a new one: delete before inserting
        for (var user : users) {
            var account = existing.get(user.subjectId());
            boolean added = account == null;
            if (added) {
                account = new UserAccount(user.subjectId());
            } else if (!account.passwordHash().equals(passwordHashes.get(user.subjectId())) && !rehashed.contains(user.subjectId())) {
                locked.add(user.subjectId());
            }
            if (account.update(user.username(), passwordHashes.get(user.subjectId()), ClaimsJson.write(user.claims()), true)) {
                changed++;
            }
            if (added) {
                em.persist(account);
            }
        }
        LOG.info("Gatehouse users stored: " + changed + " account(s) added, changed or removed");
        return locked;
    }
}
