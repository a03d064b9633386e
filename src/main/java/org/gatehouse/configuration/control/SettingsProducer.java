package org.gatehouse.configuration.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;
import org.gatehouse.appsettings.ConfigurationException;
import org.gatehouse.configuration.entity.Features;
import org.gatehouse.configuration.entity.GatehouseSettings;
import org.gatehouse.dpop.entity.DPoPOptions;
import org.gatehouse.grants.entity.TokenCleanupOptions;
import org.gatehouse.keys.entity.KeyManagementOptions;
import org.gatehouse.mtls.entity.MutualTlsOptions;
import org.gatehouse.network.entity.TrustedProxies;
import org.gatehouse.par.entity.PushedAuthorizationOptions;
import org.gatehouse.sessions.entity.SessionOptions;
import org.gatehouse.users.entity.PasswordHashing;

/** Reads the configuration once; an invalid one fails the deployment, with its problems logged as one message. */
@ApplicationScoped
public class SettingsProducer {

    private static final Logger LOG = Logger.getLogger(SettingsProducer.class.getName());

    @Produces
    @Singleton
    public GatehouseSettings settings() {
        var config = ConfigProvider.getConfig();
        try {
            return new SettingsReader(name -> config.getOptionalValue(name, String.class)).read();
        } catch (ConfigurationException e) {
            LOG.severe(e.getMessage());
            throw e;
        }
    }

    @Produces
    @Singleton
    public KeyManagementOptions keyManagement(GatehouseSettings settings) {
        return settings.keyManagement();
    }

    @Produces
    @Singleton
    public SessionOptions sessions(GatehouseSettings settings) {
        return settings.sessions();
    }

    @Produces
    @Singleton
    public DPoPOptions dpop(GatehouseSettings settings) {
        return settings.dpop();
    }

    @Produces
    @Singleton
    public MutualTlsOptions mutualTls(GatehouseSettings settings) {
        return settings.mutualTls();
    }

    @Produces
    @Singleton
    public PushedAuthorizationOptions pushedAuthorization(GatehouseSettings settings) {
        return settings.pushedAuthorization();
    }

    @Produces
    @Singleton
    public TrustedProxies trustedProxies(GatehouseSettings settings) {
        return settings.trustedProxies();
    }

    @Produces
    @Singleton
    public Features features(GatehouseSettings settings) {
        return settings.features();
    }

    @Produces
    @Singleton
    public PasswordHashing passwordHashing(GatehouseSettings settings) {
        return settings.passwordHashing();
    }

    @Produces
    @Singleton
    public TokenCleanupOptions tokenCleanup(GatehouseSettings settings) {
        return settings.tokenCleanup();
    }
}
