package org.gatehouse.configuration.control;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Logger;
import org.gatehouse.appsettings.ConfigurationException;
import org.gatehouse.clients.control.ClientStore;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.configuration.entity.Configured;
import org.gatehouse.configuration.entity.Feature;
import org.gatehouse.configuration.entity.GatehouseSettings;
import org.gatehouse.grants.control.GrantReencryption;
import org.gatehouse.grants.control.TokenCleanup;
import org.gatehouse.keys.control.SigningKeys;
import org.gatehouse.logout.control.BackChannelLogout;
import org.gatehouse.logout.control.SessionEnd;
import org.gatehouse.logout.control.SessionExpiry;
import org.gatehouse.platform.control.ClusterLock;
import org.gatehouse.platform.control.DocumentStore;
import org.gatehouse.platform.control.SchemaMigrations;
import org.gatehouse.platform.entity.DocumentKind;
import org.gatehouse.resources.control.ResourceStore;
import org.gatehouse.resources.entity.ApiResource;
import org.gatehouse.resources.entity.ApiScope;
import org.gatehouse.resources.entity.IdentityResource;
import org.gatehouse.users.control.ConfiguredUsers;

/**
 * Start-up, during deployment: validated configuration (clients, resources, users) into the store, the
 * stores into memory, signing keys ready and checked every minute. Anything that fails here fails the
 * deployment, instead of the first request.
 */
@ApplicationScoped
public class Bootstrap {

    private static final Logger LOG = Logger.getLogger(Bootstrap.class.getName());

    @Inject
    GatehouseSettings settings;

    @Inject
    SchemaMigrations schema;

    @Inject
    ClusterLock locks;

    @Inject
    DocumentStore documents;

    @Inject
    ClientStore clients;

    @Inject
    ResourceStore resources;

    @Inject
    SigningKeys keys;

    @Inject
    ConfiguredUsers users;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    TokenCleanup cleanup;

    @Inject
    GrantReencryption reencryption;

    @Inject
    BackChannelLogout backChannelLogout;

    @Inject
    SessionExpiry sessionExpiry;

    @Inject
    SessionEnd sessionEnd;

    private ScheduledFuture<?> keyRefresh;
    private ScheduledFuture<?> tokenCleanup;
    private ScheduledFuture<?> logoutDelivery;

    void start(@Observes @Initialized(ApplicationScoped.class) Object application) {
        var configured = new EnumMap<DocumentKind, Map<String, String>>(DocumentKind.class);
        configured.put(DocumentKind.CLIENT, documents(settings.clients(), Client::clientId));
        configured.put(DocumentKind.IDENTITY_RESOURCE, documents(settings.identityResources(), IdentityResource::name));
        configured.put(DocumentKind.API_SCOPE, documents(settings.apiScopes(), ApiScope::name));
        configured.put(DocumentKind.API_RESOURCE, documents(settings.apiResources(), ApiResource::name));
        try {
            schema.migrate();
            locks.initialize();
            documents.replaceConfigured(configured);
            // A user removed from the configuration, or given a new password, is signed out everywhere.
            users.store(settings.users().stream().map(Configured::value).toList())
                    .forEach(subject -> sessionEnd.endAllOf(subject, settings.issuerUri()));
            clients.reload();
            resources.reload();
            keys.start();
            keyRefresh = scheduler.scheduleWithFixedDelay(keys::refreshIfDue, 1, 1, TimeUnit.MINUTES);
            if (reencryption.isDue()) {
                scheduler.execute(reencryption::run); // in the background: a large store takes a while
            }
            // Also what another node, or this one before a restart, left in the outbox.
            if (settings.features().isOn(Feature.BACK_CHANNEL_LOGOUT)) {
                logoutDelivery = scheduler.scheduleWithFixedDelay(backChannelLogout::deliverDue, 1, 2, TimeUnit.SECONDS);
            }
            var cleanupOptions = settings.tokenCleanup();
            if (cleanupOptions.enabled()) {
                long interval = cleanupOptions.interval().toMillis();
                tokenCleanup = scheduler.scheduleWithFixedDelay(() -> {
                    sessionExpiry.run(); // first: an expired session's clients are told before its tokens go
                    cleanup.run();
                }, interval, interval, TimeUnit.MILLISECONDS);
            }
        } catch (ConfigurationException e) {
            LOG.severe(e.getMessage());
            throw e;
        }
        LOG.info("Gatehouse started: " + clients.count() + " client(s), " + resources.resources().apiScopes().size()
                + " API scope(s), " + resources.resources().apiResources().size() + " API resource(s), "
                + resources.resources().identityResources().size() + " identity resource(s), "
                + settings.users().size() + " configured user(s); issuer "
                + (settings.issuerUri() == null ? "derived from each request" : settings.issuerUri()));
    }

    @PreDestroy
    void stop() {
        for (var task : new ScheduledFuture<?>[] {keyRefresh, tokenCleanup, logoutDelivery}) {
            if (task != null) {
                task.cancel(false);
            }
        }
    }

    private static <T> Map<String, String> documents(List<Configured<T>> items, Function<T, String> name) {
        var documents = new LinkedHashMap<String, String>();
        items.forEach(item -> documents.put(name.apply(item.value()), item.document().toString()));
        return documents;
    }
}
