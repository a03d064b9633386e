package org.gatehouse.grants.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.gatehouse.keys.entity.KeyManagementOptions;

/**
 * After the encryption key is changed (the old one listed in {@code previous-encryption-keys}), walks the grant
 * store once, in batches of short transactions, and encrypts again under the new key what the old ones protect.
 * Once a walk has finished on every node's start, the previous keys can be removed from the configuration.
 */
@ApplicationScoped
public class GrantReencryption {

    private static final Logger LOG = Logger.getLogger(GrantReencryption.class.getName());
    private static final int BATCH = 500;

    @Inject
    GrantStore grants;

    @Inject
    KeyManagementOptions options;

    /** Whether there is anything to do: previous keys are configured. */
    public boolean isDue() {
        return options.encryptionKey() != null && !options.previousEncryptionKeys().isEmpty();
    }

    public void run() {
        String after = "";
        int batches = 0;
        for (var next = grants.reprotectBatch(after, BATCH); next.isPresent(); next = grants.reprotectBatch(after, BATCH)) {
            after = next.get();
            batches++;
        }
        LOG.info("Grant data encrypted under the current encryption key (" + batches + " batches looked at); the previous"
                + " encryption keys are no longer needed for it");
    }
}
