package org.gatehouse.consent.control;

import com.nimbusds.jose.util.JSONObjectUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.text.ParseException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.grants.control.GrantStore;
import org.gatehouse.grants.entity.GrantType;

/**
 * Remembered consent (Duende's {@code AllowRememberConsent}, {@code ConsentLifetime}): the scopes a user
 * allowed a client, in the grant store under a key derived from both, so that one lookup finds it.
 */
@ApplicationScoped
public class ConsentStore {

    @Inject
    GrantStore grants;

    /** The scopes the user allowed the client, if the consent is remembered and unexpired. */
    public Optional<Set<String>> find(String clientId, String subjectId) {
        return grants.find(key(clientId, subjectId)).filter(grant -> grant.type() == GrantType.USER_CONSENT)
                .map(grant -> {
                    try {
                        return Set.copyOf(JSONObjectUtils.getStringList(JSONObjectUtils.parse(grant.data()), "scopes"));
                    } catch (ParseException e) {
                        throw new IllegalStateException("stored consent is not JSON", e);
                    }
                });
    }

    public void remember(Client client, String subjectId, Collection<String> scopes) {
        Integer lifetime = client.authorize().consentLifetime();
        Runnable store = () -> grants.replace(key(client.clientId(), subjectId), GrantType.USER_CONSENT,
                client.clientId(), subjectId, lifetime == null ? GrantStore.NO_EXPIRY : Duration.ofSeconds(lifetime),
                JSONObjectUtils.toJSONString(Map.of("scopes", List.copyOf(scopes))));
        try {
            store.run();
        } catch (RuntimeException concurrentSubmit) { // two tabs or a double click: both inserted; the later wins
            store.run();
        }
    }

    public void forget(String clientId, String subjectId) {
        grants.remove(key(clientId, subjectId));
    }

    /** Not a secret (the store hashes it like any handle); never handed out, and never taken as a token. */
    private static String key(String clientId, String subjectId) {
        return "consent\n" + clientId + "\n" + subjectId;
    }
}
