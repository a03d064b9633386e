package org.gatehouse.configuration.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.gatehouse.appsettings.ConfigurationException;
import org.gatehouse.appsettings.Problems;
import org.gatehouse.appsettings.RelaxedJson;
import org.gatehouse.appsettings.SettingsNode;
import org.gatehouse.clients.control.ClientReader;
import org.gatehouse.clients.control.ReferencedSecrets;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.clients.entity.FapiProfile;
import org.gatehouse.clients.entity.Secret;
import org.gatehouse.configuration.entity.Configured;
import org.gatehouse.configuration.entity.Feature;
import org.gatehouse.configuration.entity.GatehouseSettings;
import org.gatehouse.dpop.entity.DPoPOptions;
import org.gatehouse.grants.entity.TokenCleanupOptions;
import org.gatehouse.keys.entity.KeyManagementOptions;
import org.gatehouse.mtls.entity.MutualTlsOptions;
import org.gatehouse.par.entity.PushedAuthorizationOptions;
import org.gatehouse.resources.control.ResourceReader;
import org.gatehouse.resources.entity.StandardIdentityResources;
import org.gatehouse.sessions.entity.SessionOptions;
import org.gatehouse.users.control.UserReader;
import org.gatehouse.users.entity.PasswordHashing;
import org.gatehouse.users.entity.UserAccount;

/**
 * Reads Gatehouse's configuration: a Duende-shaped settings file ({@code gatehouse.settings-file}) and
 * MicroProfile Config properties, which override the file's options and add to its lists. Either the
 * whole configuration is valid, or {@link #read()} fails with one message listing every problem.
 */
public final class SettingsReader {

    public static final String SETTINGS_FILE = "gatehouse.settings-file";
    public static final String ISSUER_URI = "gatehouse.issuer-uri";
    public static final String DEVELOPMENT = "gatehouse.development";
    public static final String TRUSTED_PROXIES = "gatehouse.trusted-proxies";
    public static final String CLIENTS = "gatehouse.clients";
    public static final String API_SCOPES = "gatehouse.api-scopes";
    public static final String API_RESOURCES = "gatehouse.api-resources";
    public static final String IDENTITY_RESOURCES = "gatehouse.identity-resources";
    public static final String USERS = "gatehouse.users";
    public static final String ACCESS_TOKEN_JWT_TYPE = "gatehouse.access-token-jwt-type";
    public static final String EMIT_STATIC_AUDIENCE = "gatehouse.emit-static-audience-claim";
    public static final String SCOPES_AS_STRING = "gatehouse.emit-scopes-as-space-delimited-string-in-jwt";
    public static final String STRICT_CLIENT_ASSERTION_AUDIENCE = "gatehouse.strict-client-assertion-audience";
    public static final String STRICT_JAR_VALIDATION = "gatehouse.strict-jar-validation";
    public static final String SIGNING_ALGORITHMS = "gatehouse.key-management.signing-algorithms";
    public static final String ROTATION_INTERVAL = "gatehouse.key-management.rotation-interval";
    public static final String PROPAGATION_TIME = "gatehouse.key-management.propagation-time";
    public static final String RETENTION_DURATION = "gatehouse.key-management.retention-duration";
    public static final String ENCRYPTION_KEY = "gatehouse.key-management.encryption-key";
    public static final String REQUEST_OBJECT_ENCRYPTION = "gatehouse.key-management.request-object-encryption";
    public static final String PREVIOUS_ENCRYPTION_KEYS = "gatehouse.key-management.previous-encryption-keys";
    public static final String COOKIE_LIFETIME = "gatehouse.authentication.cookie-lifetime";
    public static final String IDLE_TIMEOUT = "gatehouse.authentication.idle-timeout";
    public static final String DPOP_PROOF_VALIDITY = "gatehouse.dpop.proof-token-validity-duration";
    public static final String DPOP_SERVER_CLOCK_SKEW = "gatehouse.dpop.server-clock-skew";
    public static final String DPOP_ALGORITHMS = "gatehouse.dpop.supported-signing-algorithms";
    public static final String COORDINATE_CLIENT_LIFETIMES = "gatehouse.authentication.coordinate-client-lifetimes-with-user-session";
    public static final String MTLS_DOMAIN_NAME = "gatehouse.mtls.domain-name";
    public static final String MTLS_ALWAYS_EMIT_CONFIRMATION = "gatehouse.mtls.always-emit-confirmation-claim";
    public static final String MTLS_CERTIFICATE_HEADER = "gatehouse.mtls.certificate-header";
    public static final String FAPI_PROFILE = "gatehouse.fapi-profile";
    public static final String PASSWORD_HASHING = "gatehouse.password-hashing";
    public static final String PAR_REQUIRED = "gatehouse.pushed-authorization.required";
    public static final String PAR_LIFETIME = "gatehouse.pushed-authorization.lifetime";
    public static final String CLEANUP_ENABLED = "gatehouse.token-cleanup.enabled";
    public static final String CLEANUP_INTERVAL = "gatehouse.token-cleanup.interval";
    public static final String CLEANUP_BATCH_SIZE = "gatehouse.token-cleanup.batch-size";

    private static final JsonProvider JSON = JsonProvider.provider();

    /** Duende's KeyManagementOptions: those Gatehouse does not use are known, so they do not warn. */
    private static final Set<String> KEY_MANAGEMENT_OPTIONS = Set.of("enabled", "rsakeysize", "signingalgorithms",
            "initializationduration", "initializationsynchronizationdelay", "initializationkeycacheduration",
            "keycacheduration", "propagationtime", "rotationinterval", "retentionduration", "deleteretiredkeys",
            "keypath", "dataprotectkeys");

    private final Function<String, Optional<String>> properties;
    private final Problems problems = new Problems();

    /** @param properties looks up a MicroProfile Config property (empty when unset) */
    public SettingsReader(Function<String, Optional<String>> properties) {
        this.properties = properties;
    }

    public GatehouseSettings read() {
        var file = settingsFile();
        var identityServer = file.field("IdentityServer");
        var gatehouse = file.field("Gatehouse");
        for (var section : List.of(identityServer, gatehouse)) {
            if (section.isPresent() && !section.isObject()) {
                section.error("must be a JSON object");
            }
        }

        var keyManagement = keyManagement(identityServer.field("KeyManagement"), gatehouse.field("KeyManagement"));
        var identityResources = list(identityServer.field("IdentityResources"), IDENTITY_RESOURCES,
                ResourceReader::identityResource, "Name", "IdentityResource");
        var apiScopes = list(identityServer.field("ApiScopes"), API_SCOPES, ResourceReader::apiScope, "Name", "ApiScope");
        var apiResources = list(identityServer.field("ApiResources"), API_RESOURCES, ResourceReader::apiResource, "Name",
                "ApiResource");
        var serverProfile = option(gatehouse, "FapiProfile", FAPI_PROFILE).asEnumeration(FapiProfile.class, FapiProfile.NONE);
        var clients = list(identityServer.field("Clients"), CLIENTS, node -> ClientReader.read(node, serverProfile),
                "ClientId", "ClientId").stream().map(client -> withProfile(client, serverProfile)).toList();
        var users = list(gatehouse.field("Users"), USERS, UserReader::read, "SubjectId", "SubjectId");

        String jwtType = option(identityServer, "AccessTokenJwtType", ACCESS_TOKEN_JWT_TYPE).asString();
        var address = new PublicAddressReader(properties, problems);
        var settings = new GatehouseSettings(
                option(gatehouse, "Development", DEVELOPMENT).asBoolean(false),
                address.issuer(option(identityServer, "IssuerUri", ISSUER_URI)),
                address.trustedProxies(gatehouse.field("TrustedProxies")),
                jwtType == null ? "at+jwt" : jwtType.trim(), // RFC 9068 §2.1
                option(identityServer, "EmitStaticAudienceClaim", EMIT_STATIC_AUDIENCE).asBoolean(false),
                // RFC 9068 §2.2.3: scope is a space-delimited string (Duende's default is an array).
                option(identityServer, "EmitScopesAsSpaceDelimitedStringInJwt", SCOPES_AS_STRING).asBoolean(true),
                // Duende 7's IdentityServerOptions.Preview.StrictClientAssertionAudienceValidation (RFC 7523bis).
                option(identityServer.field("Preview"), "StrictClientAssertionAudienceValidation",
                        STRICT_CLIENT_ASSERTION_AUDIENCE).asBoolean(false),
                // Duende's IdentityServerOptions.StrictJarValidation: request objects typed as RFC 9101 §10.8 says.
                option(identityServer, "StrictJarValidation", STRICT_JAR_VALIDATION).asBoolean(false),
                new FeatureReader(this::option).read(identityServer.field("Endpoints"), identityServer.field("MutualTls"),
                        gatehouse.field("Features")),
                keyManagement, tokenCleanup(gatehouse.field("TokenCleanup")),
                sessions(identityServer.field("Authentication"), gatehouse.field("Authentication")),
                dpop(identityServer.field("DPoP")), mutualTls(identityServer.field("MutualTls"), gatehouse.field("MutualTls")),
                pushedAuthorization(identityServer.field("PushedAuthorization"), serverProfile),
                option(gatehouse, "PasswordHashing", PASSWORD_HASHING).asEnumeration(PasswordHashing.class, PasswordHashing.PBKDF2),
                clients, identityResources, apiScopes,
                apiResources, users);
        crossCheck(settings);
        problems.logWarningsAndFailOnErrors();
        return settings;
    }

    private SettingsNode settingsFile() {
        var path = properties.apply(SETTINGS_FILE).filter(p -> !p.isBlank());
        if (path.isEmpty()) {
            return SettingsNode.root(null, "(no settings file)", problems);
        }
        String text;
        try {
            text = Files.readString(Path.of(path.get()), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new ConfigurationException(SETTINGS_FILE + ": cannot read the settings file \"" + path.get()
                    + "\" (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        var root = SettingsNode.root(RelaxedJson.parse(text, path.get()), path.get(), problems);
        if (!root.isObject()) {
            root.error("must be a JSON object with an \"IdentityServer\" section");
        }
        return root;
    }

    /** A MicroProfile Config property if set, else the settings file's value. */
    SettingsNode option(SettingsNode section, String name, String property) {
        return properties.apply(property)
                .map(value -> SettingsNode.root(JSON.createValue(value), property, problems))
                .orElseGet(() -> section.field(name));
    }

    /**
     * The entries of a list from the file plus those of its MicroProfile property. Duplicate keys
     * ({@code keyField}, called {@code keyName} in messages) are reported even when an entry has other problems.
     */
    private <T> List<Configured<T>> list(SettingsNode fileList, String property, Function<SettingsNode, T> reader,
            String keyField, String keyName) {
        var nodes = new ArrayList<>(fileList.elements());
        properties.apply(property).filter(json -> !json.isBlank()).ifPresent(json -> {
            var inline = SettingsNode.root(RelaxedJson.parse(json, property), property, problems);
            if (inline.json() instanceof JsonArray) {
                nodes.addAll(inline.elements());
            } else {
                inline.error("must be a JSON array");
            }
        });
        var result = new ArrayList<Configured<T>>();
        // Compared case-insensitively: MariaDB's default collation, for one, would see "App" and "app" as one key.
        var seen = new HashMap<String, String>();
        for (var node : nodes) {
            String key = node.isObject() ? node.string(keyField) : null;
            String previous = key == null ? null : seen.putIfAbsent(key.toLowerCase(Locale.ROOT), node.location());
            if (previous != null) {
                node.labelled(key).error(keyName + " \"" + key + "\" is already defined at " + previous);
            }
            T item = reader.apply(node);
            if (item != null && previous == null) {
                result.add(new Configured<>(item, node.json(), node.location()));
            }
        }
        return List.copyOf(result);
    }

    private KeyManagementOptions keyManagement(SettingsNode duende, SettingsNode gatehouse) {
        duende.warnAboutUnknownFields(KEY_MANAGEMENT_OPTIONS);
        if (!duende.field("Enabled").asBoolean(true)) {
            duende.field("Enabled").error("static signing keys are not supported yet: Gatehouse needs automatic key"
                    + " management");
        }
        var algorithms = signingAlgorithms(duende.field("SigningAlgorithms"));
        var rotationNode = option(duende, "RotationInterval", ROTATION_INTERVAL);
        var propagationNode = option(duende, "PropagationTime", PROPAGATION_TIME);
        var retentionNode = option(duende, "RetentionDuration", RETENTION_DURATION);
        var rotation = rotationNode.asDuration(Duration.ofDays(90));
        var propagation = propagationNode.asDuration(Duration.ofDays(14));
        var retention = retentionNode.asDuration(Duration.ofDays(14));
        if (rotation.isNegative() || rotation.isZero()) {
            rotationNode.error("must be positive");
        } else if (propagation.isNegative() || propagation.compareTo(rotation) >= 0) {
            propagationNode.error("must be at least zero and shorter than RotationInterval (" + rotation + ")");
        }
        if (retention.isNegative()) {
            retentionNode.error("must not be negative");
        }
        int rsaKeySize = duende.integer("RsaKeySize", 2048);
        if (rsaKeySize < 2048) {
            duende.field("RsaKeySize").error("must be at least 2048 bits (NIST SP 800-57), not " + rsaKeySize);
        }
        String encryptionKey = option(gatehouse, "EncryptionKey", ENCRYPTION_KEY).asString();
        var previousNode = gatehouse.field("PreviousEncryptionKeys");
        List<String> previous = properties.apply(PREVIOUS_ENCRYPTION_KEYS)
                .map(value -> List.of(value.split(",")))
                .orElseGet(() -> previousNode.elements().stream().map(SettingsNode::asString).filter(k -> k != null).toList())
                .stream().map(String::trim).filter(k -> !k.isEmpty()).toList();
        boolean noKey = encryptionKey == null || encryptionKey.isBlank();
        if (noKey && !previous.isEmpty()) {
            previousNode.error("previous encryption keys need a current one (" + ENCRYPTION_KEY + ") to re-encrypt under");
        }
        return new KeyManagementOptions(algorithms, rotation, propagation, retention, rsaKeySize,
                noKey ? null : encryptionKey, previous,
                option(gatehouse, "RequestObjectEncryption", REQUEST_OBJECT_ENCRYPTION).asBoolean(false));
    }

    /** Duende's operational store options EnableTokenCleanup, TokenCleanupInterval, TokenCleanupBatchSize. */
    private TokenCleanupOptions tokenCleanup(SettingsNode section) {
        section.warnAboutUnknownFields(Set.of("enabled", "interval", "batchsize"));
        var intervalNode = option(section, "Interval", CLEANUP_INTERVAL);
        var interval = intervalNode.asDuration(Duration.ofHours(1));
        if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
            intervalNode.error("must be at least one second, not " + interval);
        }
        var batchNode = option(section, "BatchSize", CLEANUP_BATCH_SIZE);
        Integer batchSize = batchNode.asInteger();
        if (batchSize != null && batchSize <= 0) {
            batchNode.error("must be a positive number");
        }
        return new TokenCleanupOptions(option(section, "Enabled", CLEANUP_ENABLED).asBoolean(true), interval,
                batchSize == null || batchSize <= 0 ? 100 : batchSize);
    }

    /**
     * Duende's AuthenticationOptions: of these, the session cookie's lifetime and the clients' coordination with it;
     * Gatehouse's own {@code Authentication} section: the idle timeout.
     */
    private SessionOptions sessions(SettingsNode section, SettingsNode own) {
        section.warnAboutUnknownFields(Set.of("cookielifetime", "cookieslidingexpiration", "cookieauthenticationscheme",
                "cookiesamesitemode", "requireauthenticateduserforsignoutmessage", "checksessioncookiename",
                "checksessioncookiedomain", "checksessioncookiesamesitemode", "requirecspframesrcforsignout",
                "coordinateclientlifetimeswithusersession"));
        var node = option(section, "CookieLifetime", COOKIE_LIFETIME);
        var lifetime = node.asDuration(SessionOptions.DEFAULT_COOKIE_LIFETIME);
        if (lifetime.compareTo(Duration.ofMinutes(1)) < 0) {
            node.error("must be at least one minute, not " + lifetime);
        }
        boolean coordinate = option(section, "CoordinateClientLifetimesWithUserSession", COORDINATE_CLIENT_LIFETIMES)
                .asBoolean(false);
        own.warnAboutUnknownFields(Set.of("idletimeout"));
        var idleNode = option(own, "IdleTimeout", IDLE_TIMEOUT);
        Optional<Duration> idle = idleNode.isPresent() ? Optional.of(idleNode.asDuration(lifetime)) : Optional.empty();
        if (idle.isPresent() && idle.get().compareTo(Duration.ofMinutes(1)) < 0) {
            idleNode.error("must be at least one minute, not " + idle.get());
        }
        return new SessionOptions(lifetime, coordinate, idle);
    }

    /** Duende's DPoPOptions. */
    private DPoPOptions dpop(SettingsNode section) {
        section.warnAboutUnknownFields(Set.of("prooftokenvalidityduration", "serverclockskew", "supporteddpopsigningalgorithms"));
        var validityNode = option(section, "ProofTokenValidityDuration", DPOP_PROOF_VALIDITY);
        var validity = validityNode.asDuration(DPoPOptions.DEFAULTS.proofTokenValidityDuration());
        if (validity.compareTo(Duration.ofSeconds(1)) < 0 || validity.compareTo(Duration.ofHours(1)) > 0) {
            validityNode.error("must be between one second and one hour, not " + validity);
        }
        var skewNode = option(section, "ServerClockSkew", DPOP_SERVER_CLOCK_SKEW);
        var skew = skewNode.asDuration(Duration.ZERO);
        if (skew.isNegative() || skew.compareTo(Duration.ofMinutes(10)) > 0) {
            skewNode.error("must be between zero and ten minutes, not " + skew);
        }
        return new DPoPOptions(validity, skew, dpopAlgorithms(section));
    }

    /**
     * Duende's {@code MutualTlsOptions} ({@code Enabled} is the feature switch; {@code ClientCertificateAuthenticationScheme}
     * names an ASP.NET handler and means nothing here), and the proxy's certificate header ({@code Gatehouse:MutualTls}).
     */
    private MutualTlsOptions mutualTls(SettingsNode duende, SettingsNode own) {
        duende.warnAboutUnknownFields(Set.of("enabled", "clientcertificateauthenticationscheme", "domainname",
                "alwaysemitconfirmationclaim"));
        own.warnAboutUnknownFields(Set.of("certificateheader"));
        var domainNode = option(duende, "DomainName", MTLS_DOMAIN_NAME);
        String domain = domainNode.asString();
        if (domain != null && !domain.isBlank() && !domain.matches("[A-Za-z0-9.-]{1,253}(:\\d{1,5})?")) {
            domainNode.error("must be a host name, optionally with a port (e.g. mtls.login.example.com:8443), or a subdomain name");
        }
        var headerNode = option(own, "CertificateHeader", MTLS_CERTIFICATE_HEADER);
        String header = headerNode.asString();
        if (header != null && !header.isBlank() && !header.matches("[A-Za-z0-9-]{1,100}")) {
            headerNode.error("must be an HTTP header name, e.g. Client-Cert");
        }
        return new MutualTlsOptions(domain == null || domain.isBlank() ? null : domain.trim(),
                option(duende, "AlwaysEmitConfirmationClaim", MTLS_ALWAYS_EMIT_CONFIRMATION).asBoolean(false),
                header == null || header.isBlank() ? null : header.trim());
    }

    /**
     * Duende's {@code PushedAuthorizationOptions}: {@code Required}, and {@code Lifetime} in seconds (Duende's
     * type). {@code AllowUnregisteredPushedRedirectUris} is refused: every redirect URI is registered and matched exactly.
     */
    /**
     * The client's document as the clients' store reads it back, which knows no server profile: with the profile
     * the client was read with, when the client named none.
     */
    private static Configured<Client> withProfile(Configured<Client> client, FapiProfile serverProfile) {
        if (!serverProfile.applies() || !(client.document() instanceof JsonObject document)
                || document.keySet().stream().anyMatch("FapiProfile"::equalsIgnoreCase)) {
            return client;
        }
        var stored = JSON.createObjectBuilder(document).add("FapiProfile", SettingsNode.configName(serverProfile)).build();
        return new Configured<>(client.value(), stored, client.source());
    }

    private PushedAuthorizationOptions pushedAuthorization(SettingsNode section, FapiProfile serverProfile) {
        section.warnAboutUnknownFields(Set.of("required", "lifetime", "allowunregisteredpushedredirecturis"));
        if (section.field("AllowUnregisteredPushedRedirectUris").asBoolean(false)) {
            section.field("AllowUnregisteredPushedRedirectUris").error("is not supported: Gatehouse matches every"
                    + " redirect URI exactly against the client's RedirectUris");
        }
        var lifetimeNode = option(section, "Lifetime", PAR_LIFETIME);
        Integer given = lifetimeNode.asInteger();
        long seconds = given != null ? given : PushedAuthorizationOptions.DEFAULTS.lifetime().toSeconds();
        if (seconds < 1 || seconds > 3600) {
            lifetimeNode.error("must be between 1 and 3600 seconds, not " + seconds);
        }
        // FAPI 2.0 Security Profile §5.3.2.1: a server on the profile requires PAR of every client.
        var requiredNode = option(section, "Required", PAR_REQUIRED);
        boolean required = requiredNode.asBoolean(serverProfile.applies());
        if (!required && serverProfile.applies()) {
            requiredNode.error("must be true: the server is on " + SettingsNode.configName(serverProfile)
                    + " (Gatehouse:FapiProfile), which requires pushed authorization requests");
        }
        return new PushedAuthorizationOptions(required,
                Duration.ofSeconds(Math.max(1, seconds)));
    }

    /** {@code ES256,RS256} from MicroProfile Config, or Duende's list of names; absent, Duende's default list. */
    private List<String> dpopAlgorithms(SettingsNode section) {
        var fromProperty = properties.apply(DPOP_ALGORITHMS);
        SettingsNode node;
        List<String> names;
        if (fromProperty.isPresent()) {
            node = SettingsNode.root(JSON.createValue(fromProperty.get()), DPOP_ALGORITHMS, problems);
            names = Stream.of(fromProperty.get().split(",")).map(String::trim).filter(n -> !n.isEmpty()).toList();
        } else if (section.field("SupportedDPoPSigningAlgorithms").isPresent()) {
            node = section.field("SupportedDPoPSigningAlgorithms");
            names = section.strings("SupportedDPoPSigningAlgorithms");
        } else {
            return DPoPOptions.ALGORITHMS;
        }
        for (String name : names) {
            if (!DPoPOptions.ALGORITHMS.contains(name)) {
                node.error("unsupported DPoP proof algorithm \"" + name + "\"; supported: " + String.join(", ", DPoPOptions.ALGORITHMS));
            }
        }
        if (names.isEmpty()) {
            node.warning("is empty: every DPoP proof is refused, as in Duende");
        }
        return List.copyOf(new LinkedHashSet<>(names));
    }

    /** {@code RS256,ES256} from MicroProfile Config, or Duende's {@code [{ "Name": "RS256" }]}. */
    private List<String> signingAlgorithms(SettingsNode duende) {
        var algorithms = new LinkedHashSet<String>();
        var fromProperty = properties.apply(SIGNING_ALGORITHMS);
        if (fromProperty.isPresent()) {
            var node = SettingsNode.root(JSON.createValue(fromProperty.get()), SIGNING_ALGORITHMS, problems);
            for (String name : fromProperty.get().split(",")) {
                addAlgorithm(node, name.trim(), algorithms);
            }
        } else {
            for (var element : duende.elements()) {
                addAlgorithm(element, element.isObject() ? element.string("Name") : element.asString(), algorithms);
                if (element.isObject() && element.bool("UseX509Certificate", false)) {
                    element.field("UseX509Certificate").error("X.509 certificates for signing keys are not supported yet");
                }
            }
        }
        return algorithms.isEmpty() ? List.of("RS256") : List.copyOf(algorithms);
    }

    private static void addAlgorithm(SettingsNode node, String name, Set<String> algorithms) {
        if (name == null || !KeyManagementOptions.SUPPORTED_ALGORITHMS.contains(name)) {
            node.error("unsupported signing algorithm \"" + name + "\"; supported: "
                    + String.join(", ", KeyManagementOptions.SUPPORTED_ALGORITHMS));
        } else {
            algorithms.add(name);
        }
    }

    private void unsupportedAlgorithms(String source, String field, Set<String> algorithms) {
        algorithms.stream().filter(a -> !KeyManagementOptions.SUPPORTED_ALGORITHMS.contains(a)).sorted().forEach(a ->
                problems.error(source, field + ": unsupported signing algorithm \"" + a + "\"; supported: "
                        + String.join(", ", KeyManagementOptions.SUPPORTED_ALGORITHMS)));
    }

    /** A client that needs a switched-off feature would be silently left out of it: it fails start-up instead. */
    private void requireFeature(GatehouseSettings settings, Configured<Client> client, Feature feature, boolean needed,
            String property) {
        if (needed && !settings.features().isOn(feature)) {
            problems.error(client.source(), "client \"" + client.value().clientId() + "\" has " + property + ", but "
                    + feature.settingsName() + " is switched off (" + feature.property() + ")");
        }
    }

    /** Rules that span entries: names shared between kinds, references to undefined scopes, algorithms, usernames. */
    private void crossCheck(GatehouseSettings settings) {
        Map<String, String> identityScopes = new HashMap<>();
        StandardIdentityResources.ALL.forEach(r -> identityScopes.put(r.name(), "built in"));
        settings.identityResources().forEach(r -> identityScopes.put(r.value().name(), r.source()));
        var apiScopes = new HashMap<String, String>();
        for (var scope : settings.apiScopes()) {
            apiScopes.put(scope.value().name(), scope.source());
            String clash = identityScopes.get(scope.value().name());
            if (clash != null) {
                problems.error(scope.source(), "the name \"" + scope.value().name()
                        + "\" is also an identity resource (" + clash + "): a scope name must mean one thing");
            }
        }
        var algorithms = settings.keyManagement().signingAlgorithms();
        for (var resource : settings.apiResources()) {
            for (String scope : resource.value().scopes()) {
                if (!apiScopes.containsKey(scope)) {
                    problems.warning(resource.source(), "Scopes lists \"" + scope + "\", which no ApiScope defines");
                }
            }
            var allowed = resource.value().allowedAccessTokenSigningAlgorithms();
            unsupportedAlgorithms(resource.source(), "AllowedAccessTokenSigningAlgorithms", allowed);
            if (!allowed.isEmpty() && allowed.stream().noneMatch(algorithms::contains)) {
                problems.error(resource.source(), "AllowedAccessTokenSigningAlgorithms " + allowed
                        + " has none of the configured signing algorithms " + algorithms);
            }
        }
        for (var client : settings.clients()) {
            for (String scope : client.value().allowedScopes()) {
                if (!scope.equals(StandardIdentityResources.OFFLINE_ACCESS) && !identityScopes.containsKey(scope) && !apiScopes.containsKey(scope)) {
                    problems.warning(client.source(), "client \"" + client.value().clientId() + "\" is allowed scope \""
                            + scope + "\", which no IdentityResource or ApiScope defines; requests for it will fail");
                }
            }
            var idTokenAlgorithms = client.value().tokens().allowedIdentityTokenSigningAlgorithms();
            unsupportedAlgorithms(client.source(), "AllowedIdentityTokenSigningAlgorithms", idTokenAlgorithms);
            if (!idTokenAlgorithms.isEmpty() && idTokenAlgorithms.stream().noneMatch(algorithms::contains)) {
                problems.error(client.source(), "AllowedIdentityTokenSigningAlgorithms " + idTokenAlgorithms
                        + " has none of the configured signing algorithms " + algorithms);
            }
        }
        for (var client : settings.clients()) {
            if (!settings.features().isOn(Feature.END_SESSION) && !client.value().logout().postLogoutRedirectUris().isEmpty()) {
                problems.error(client.source(), "client \"" + client.value().clientId() + "\" has PostLogoutRedirectUris,"
                        + " but end session is switched off (" + Feature.END_SESSION.property() + ")");
            }
            var logout = client.value().logout();
            requireFeature(settings, client, Feature.FRONT_CHANNEL_LOGOUT, logout.frontChannelLogoutUri() != null,
                    "FrontChannelLogoutUri");
            requireFeature(settings, client, Feature.BACK_CHANNEL_LOGOUT, logout.backChannelLogoutUri() != null,
                    "BackChannelLogoutUri");
            requireFeature(settings, client, Feature.DPOP, client.value().dpop().requireDPoP(), "RequireDPoP");
            requireFeature(settings, client, Feature.PRIVATE_KEY_JWT, client.value().secrets().stream()
                    .anyMatch(Secret::isAssertionKey), "ClientSecrets of the JWK or X509CertificateBase64 type");
            requireFeature(settings, client, Feature.PUSHED_AUTHORIZATION, client.value().authorize().requirePushedAuthorization()
                    || settings.pushedAuthorization().required(), "RequirePushedAuthorization (or PushedAuthorization:Required)");
            requireFeature(settings, client, Feature.REQUEST_OBJECTS, client.value().authorize().requireRequestObject(),
                    "RequireRequestObject");
            requireFeature(settings, client, Feature.JWT_REQUEST_URI, !client.value().authorize().requestUris().isEmpty(),
                    "RequestUris");
            requireFeature(settings, client, Feature.MUTUAL_TLS, client.value().secrets().stream()
                    .anyMatch(secret -> Secret.X509_NAME.equals(secret.type()) || Secret.X509_THUMBPRINT.equals(secret.type())),
                    "ClientSecrets of the X509Name or X509Thumbprint type");
            if (!client.value().tokens().includeJwtId() && settings.accessTokenJwtType().equals("at+jwt")) {
                problems.warning(client.source(), "IncludeJwtId is false, but RFC 9068 §2.2 requires jti in at+jwt tokens");
            }
        }
        for (var client : settings.clients()) {
            referencesAreSet(client.source(), "client \"" + client.value().clientId() + "\"", client.value().secrets());
        }
        for (var api : settings.apiResources()) {
            referencesAreSet(api.source(), "API resource \"" + api.value().name() + "\"", api.value().apiSecrets());
        }
        if (settings.mutualTls().certificateHeader() != null && (settings.trustedProxies().isEmpty()
                || !settings.features().isOn(Feature.MUTUAL_TLS))) {
            problems.warning(MTLS_CERTIFICATE_HEADER, "is ignored: a forwarded client certificate is read only with mutual"
                    + " TLS on (" + Feature.MUTUAL_TLS.property() + ") and only from gatehouse.trusted-proxies");
        }
        var usernames = new HashMap<String, String>();
        for (var user : settings.users()) {
            String username = user.value().username();
            String previous = usernames.putIfAbsent(UserAccount.usernameKey(username), user.source());
            if (previous != null) {
                problems.error(user.source() + " (\"" + user.value().subjectId() + "\").Username", "\"" + username
                        + "\" is already the username of " + previous + " (usernames are compared case-insensitively)");
            }
        }
        // Two defaults that are fine on a laptop and a hole in production, so production must choose: an issuer
        // taken from the Host header lets any caller pick the iss of validly signed tokens, and without an
        // encryption key a database backup holds the private signing keys.
        if (settings.issuerUri() == null) {
            productionRequires(settings, ISSUER_URI, "not set: the issuer is taken from each request's Host header,"
                    + " so that a caller can choose the issuer of its tokens; set it to Gatehouse's public URL");
        }
        String encryptionKey = settings.keyManagement().encryptionKey();
        if (encryptionKey != null && encryptionKey.length() < 16) {
            problems.warning(ENCRYPTION_KEY, "is shorter than 16 characters: use a long random secret");
        }
        if (encryptionKey == null) {
            productionRequires(settings, ENCRYPTION_KEY, "not set: signing keys are stored UNENCRYPTED in the database."
                    + " Set it (e.g. the environment variable GATEHOUSE_KEY_MANAGEMENT_ENCRYPTION_KEY) to a long random secret");
        }
        if (settings.development()) {
            problems.warning(DEVELOPMENT, "is on: for development and demos only, never in production");
        }
        }

    /** An error in production; in development ({@value #DEVELOPMENT}) a warning. */
    /** Each property a SharedSecretReference names holds a secret long enough to be a MAC key (RFC 7518 §3.2). */
    private void referencesAreSet(String source, String owner, List<Secret> secrets) {
        for (var secret : secrets) {
            if (secret.property() == null) {
                continue;
            }
            var value = properties.apply(secret.property());
            if (value.isEmpty()) {
                problems.error(source, owner + " has a SharedSecretReference to " + secret.property() + ", which is not set");
            } else if (value.get().getBytes(StandardCharsets.UTF_8).length < ReferencedSecrets.MIN_LENGTH) {
                problems.error(source, owner + ": the secret in " + secret.property() + " is shorter than "
                        + ReferencedSecrets.MIN_LENGTH + " bytes, too short for client_secret_jwt (RFC 7518 section 3.2);"
                        + " e.g. openssl rand -base64 48");
            }
        }
    }

    private void productionRequires(GatehouseSettings settings, String property, String message) {
        if (settings.development()) {
            problems.warning(property, message);
        } else {
            problems.error(property, message + " (or, for development only, set " + DEVELOPMENT + "=true)");
        }
    }
}
