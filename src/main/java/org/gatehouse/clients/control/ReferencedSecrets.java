package org.gatehouse.clients.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.eclipse.microprofile.config.ConfigProvider;
import org.gatehouse.clients.entity.Secret;

/**
 * The shared secrets that {@code SharedSecretReference} secrets name, from MicroProfile Config: an environment variable,
 * a system property, a Payara password alias (its {@code password} config source) or a file of a directory config
 * source (a Kubernetes secret). Each is read once; start-up has checked that it is set and long enough.
 */
@ApplicationScoped
public class ReferencedSecrets {

    /** RFC 7518 §3.2: a key for HS256 has at least 256 bits; HS384 and HS512 need 48 and 64 bytes. */
    public static final int MIN_LENGTH = 32;

    /** Looks up a MicroProfile Config property (empty when unset). */
    Function<String, Optional<String>> properties;

    private final Map<String, byte[]> values = new ConcurrentHashMap<>();

    @PostConstruct
    void init() {
        var config = ConfigProvider.getConfig();
        properties = name -> config.getOptionalValue(name, String.class);
    }

    /** The secrets themselves of the unexpired references among {@code secrets}. */
    public List<byte[]> of(List<Secret> secrets, Instant now) {
        return secrets.stream().filter(secret -> secret.property() != null && !secret.isExpiredAt(now))
                .map(secret -> values.computeIfAbsent(secret.property(),
                        name -> properties.apply(name).map(value -> value.getBytes(StandardCharsets.UTF_8)).orElse(null)))
                .filter(Objects::nonNull).toList();
    }

    /** Whether {@code presented} is one of them, each compared in constant time. */
    public boolean matches(List<Secret> secrets, String presented, Instant now) {
        byte[] bytes = presented.getBytes(StandardCharsets.UTF_8);
        boolean matched = false;
        for (byte[] secret : of(secrets, now)) {
            matched |= MessageDigest.isEqual(secret, bytes);
        }
        return matched;
    }
}
