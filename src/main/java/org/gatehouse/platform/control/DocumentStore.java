package org.gatehouse.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Logger;
import org.gatehouse.appsettings.Problems;
import org.gatehouse.appsettings.RelaxedJson;
import org.gatehouse.appsettings.SettingsNode;
import org.gatehouse.platform.entity.ConfigurationDocument;
import org.gatehouse.platform.entity.DocumentKind;

/** Stores clients and resources as Duende-shaped JSON documents (see {@link ConfigurationDocument}). */
@ApplicationScoped
public class DocumentStore {

    private static final Logger LOG = Logger.getLogger(DocumentStore.class.getName());

    @PersistenceContext(unitName = "gatehouse")
    EntityManager em;

    @Inject
    ClusterLock lock;

    @Inject
    Clock clock;

    /**
     * Makes the configuration-owned documents of every kind exactly {@code configured} (name → JSON), in
     * one transaction: all of the configuration lands, or none of it.
     */
    @Transactional
    public void replaceConfigured(Map<DocumentKind, Map<String, String>> configured) {
        lock.acquire(ClusterLock.CONFIGURATION);
        long now = clock.millis();
        int changed = 0;
        for (var kind : DocumentKind.values()) {
            var wanted = configured.getOrDefault(kind, Map.of());
            var existing = new HashMap<String, ConfigurationDocument>();
            for (var document : load(kind)) {
                existing.put(document.name(), document);
            }
            for (var entry : wanted.entrySet()) {
                var document = existing.remove(entry.getKey());
                if (document == null) {
                    document = new ConfigurationDocument(kind, entry.getKey());
                    document.update(entry.getValue(), true, now);
                    em.persist(document);
                    changed++;
                } else if (document.update(entry.getValue(), true, now)) {
                    changed++;
                }
            }
            for (var stale : existing.values()) {
                if (stale.fromConfiguration()) { // removed from configuration; documents managed at runtime stay
                    em.remove(stale);
                    changed++;
                }
            }
        }
        LOG.info("Gatehouse configuration stored: " + changed + " document(s) added, changed or removed");
    }

    /**
     * Reads every stored document of a kind with {@code reader}, which applies the same rules as
     * configuration does; a document that no longer passes them fails the whole read.
     */
    public <T> List<T> read(DocumentKind kind, Function<SettingsNode, T> reader) {
        var problems = new Problems();
        var items = new ArrayList<T>();
        for (var document : load(kind)) {
            String source = "stored " + kind.name().toLowerCase(Locale.ROOT) + " \"" + document.name() + "\"";
            T item = reader.apply(SettingsNode.root(RelaxedJson.parse(document.document(), source), source, problems));
            if (item != null) {
                items.add(item);
            }
        }
        problems.failOnErrors();
        return List.copyOf(items);
    }

    private List<ConfigurationDocument> load(DocumentKind kind) {
        return em.createQuery("select d from ConfigurationDocument d where d.kind = :kind order by d.name",
                        ConfigurationDocument.class)
                .setParameter("kind", kind)
                .getResultList();
    }
}
