package org.gatehouse.discovery.control;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWSAlgorithm;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.gatehouse.authorize.control.AuthorizeRequestValidator;
import org.gatehouse.authorize.entity.ResponseMode;
import org.gatehouse.claims.entity.AuthenticationContexts;
import org.gatehouse.clients.control.ClientAssertions;
import org.gatehouse.clients.entity.Credentials;
import org.gatehouse.clients.entity.ResponseEncryption;
import org.gatehouse.configuration.entity.Feature;
import org.gatehouse.configuration.entity.Features;
import org.gatehouse.dpop.entity.DPoPOptions;
import org.gatehouse.jar.control.RequestObjects;
import org.gatehouse.keys.entity.KeyManagementOptions;
import org.gatehouse.mtls.control.MutualTlsEndpoints;
import org.gatehouse.par.entity.PushedAuthorizationOptions;
import org.gatehouse.protocol.entity.Endpoints;
import org.gatehouse.protocol.entity.GrantTypes;
import org.gatehouse.resources.control.ResourceStore;
import org.gatehouse.resources.entity.ApiScope;
import org.gatehouse.resources.entity.IdentityResource;
import org.gatehouse.resources.entity.StandardIdentityResources;
import org.gatehouse.token.control.TokenEndpoint;

/**
 * Server metadata: OpenID Connect Discovery 1.0 and RFC 8414 publish the same document. It advertises what is
 * implemented and switched on, plus the fields OIDC Discovery §3 requires of every provider (subject types, ID
 * token algorithms: the keys Gatehouse signs with).
 */
@ApplicationScoped
public class ProviderMetadata {

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final List<String> SECRET_METHODS = List.of(Credentials.CLIENT_SECRET_BASIC, Credentials.CLIENT_SECRET_POST);

    /** The metadata names of the endpoints that have an RFC 8705 alias besides the token endpoint (§5 uses the same). */
    private static final Map<Feature, String> ENDPOINT_NAMES = Map.of(Feature.INTROSPECTION, "introspection_endpoint",
            Feature.REVOCATION, "revocation_endpoint", Feature.USERINFO, "userinfo_endpoint");

    private static final List<String> RESPONSE_MODES_WITH_JARM = Arrays.stream(ResponseMode.values()).map(ResponseMode::wire).toList();

    @Inject
    ResourceStore resources;

    @Inject
    KeyManagementOptions keys;

    @Inject
    TokenEndpoint tokenEndpoint;

    @Inject
    Features features;

    @Inject
    DPoPOptions dpop;

    @Inject
    MutualTlsEndpoints mutualTls;

    @Inject
    PushedAuthorizationOptions pushedAuthorization;

    /**
     * @param issuer the issuer identifier
     * @param base   where the endpoints are, ending in a slash
     */
    public JsonObject document(String issuer, String base) {
        var catalog = resources.resources();
        var scopes = new TreeSet<String>();
        var claims = new TreeSet<String>();
        for (IdentityResource resource : catalog.identityResources()) {
            if (resource.enabled() && resource.showInDiscoveryDocument()) {
                scopes.add(resource.name());
                claims.addAll(resource.userClaims());
            }
        }
        if (tokenEndpoint.grantTypes().contains(GrantTypes.REFRESH_TOKEN)) {
            scopes.add(StandardIdentityResources.OFFLINE_ACCESS); // not a resource: the scope that asks for refresh tokens
        }
        catalog.apiScopes().stream().filter(s -> s.enabled() && s.showInDiscoveryDocument()).map(ApiScope::name)
                .forEach(scopes::add);
        var metadata = JSON.createObjectBuilder()
                .add("issuer", issuer)
                .add("jwks_uri", base + Endpoints.JWKS)
                .add("authorization_endpoint", base + Endpoints.AUTHORIZE)
                .add("token_endpoint", base + Endpoints.TOKEN);
        endpoint(metadata, Feature.USERINFO, ENDPOINT_NAMES.get(Feature.USERINFO), base);
        endpoint(metadata, Feature.END_SESSION, "end_session_endpoint", base);
        endpoint(metadata, Feature.SESSION_MANAGEMENT, "check_session_iframe", base);
        metadata.add("scopes_supported", JSON.createArrayBuilder(scopes))
                .add("claims_supported", JSON.createArrayBuilder(claims))
                .add("grant_types_supported", JSON.createArrayBuilder(Stream.concat(tokenEndpoint.grantTypes().stream(),
                        Stream.of(GrantTypes.IMPLICIT)).sorted().toList()))
                .add("response_types_supported", JSON.createArrayBuilder(AuthorizeRequestValidator.SUPPORTED_RESPONSE_TYPES))
                .add("response_modes_supported", JSON.createArrayBuilder(features.isOn(Feature.JARM) ? RESPONSE_MODES_WITH_JARM
                        : List.of("query", "fragment", "form_post")))
                .add("subject_types_supported", JSON.createArrayBuilder(List.of("public", "pairwise")))
                .add("code_challenge_methods_supported", JSON.createArrayBuilder(List.of("plain", "S256")))
                .add("prompt_values_supported", JSON.createArrayBuilder(List.of("none", "login", "consent", "select_account")))
                .add("authorization_response_iss_parameter_supported", true) // RFC 9207 §3
                .add("claims_parameter_supported", true)
                .add("acr_values_supported", JSON.createArrayBuilder(AuthenticationContexts.SUPPORTED))
                .add("request_parameter_supported", features.isOn(Feature.REQUEST_OBJECTS))
                // OIDC Discovery §3: absent means true, so false is said out loud.
                .add("request_uri_parameter_supported", features.isOn(Feature.REQUEST_OBJECTS)
                        && features.isOn(Feature.JWT_REQUEST_URI))
                .add("id_token_signing_alg_values_supported", JSON.createArrayBuilder(keys.signingAlgorithms()))
                .add("token_endpoint_auth_methods_supported", JSON.createArrayBuilder(authMethods()));
        assertionAlgorithms(metadata, "token_endpoint_auth_signing_alg_values_supported");
        if (features.isOn(Feature.JARM)) { // JARM §3: what its response JWTs are signed with
            metadata.add("authorization_signing_alg_values_supported", JSON.createArrayBuilder(keys.signingAlgorithms()));
            metadata.add("authorization_encryption_alg_values_supported", JSON.createArrayBuilder(
                    ResponseEncryption.ALGORITHMS.stream().map(JWEAlgorithm::getName).toList()));
            metadata.add("authorization_encryption_enc_values_supported", JSON.createArrayBuilder(
                    ResponseEncryption.METHODS.stream().map(EncryptionMethod::getName).toList()));
        }
        if (features.isOn(Feature.REQUEST_OBJECTS)) { // OIDC Discovery §3; RFC 9101 §10.5 (its registration is per client)
            metadata.add("request_object_signing_alg_values_supported", JSON.createArrayBuilder(
                    RequestObjects.ALGORITHMS.stream().map(JWSAlgorithm::getName).toList()));
            if (keys.requestObjectEncryption()) { // OIDC Discovery §3, RFC 9101 §6.1
                metadata.add("request_object_encryption_alg_values_supported",
                        JSON.createArrayBuilder(List.of(KeyManagementOptions.REQUEST_OBJECT_ENCRYPTION)));
                metadata.add("request_object_encryption_enc_values_supported", JSON.createArrayBuilder(
                        RequestObjects.ENCRYPTION_METHODS.stream().map(EncryptionMethod::getName).toList()));
            }
            if (features.isOn(Feature.JWT_REQUEST_URI)) {
                metadata.add("require_request_uri_registration", true);
            }
        }
        // Front-Channel Logout 1.0 §3, Back-Channel Logout 1.0 §2.1: sid is sent to clients that require it.
        if (features.isOn(Feature.FRONT_CHANNEL_LOGOUT)) {
            metadata.add("frontchannel_logout_supported", true).add("frontchannel_logout_session_supported", true);
        }
        if (features.isOn(Feature.BACK_CHANNEL_LOGOUT)) {
            metadata.add("backchannel_logout_supported", true).add("backchannel_logout_session_supported", true);
        }
        if (features.isOn(Feature.DPOP) && !dpop.supportedSigningAlgorithms().isEmpty()) { // RFC 9449 §5.1; Duende: none, absent
            metadata.add("dpop_signing_alg_values_supported", JSON.createArrayBuilder(dpop.supportedSigningAlgorithms()));
        }
        if (endpoint(metadata, Feature.INTROSPECTION, ENDPOINT_NAMES.get(Feature.INTROSPECTION), base)) {
            metadata.add("introspection_endpoint_auth_methods_supported", JSON.createArrayBuilder(authMethods()));
            assertionAlgorithms(metadata, "introspection_endpoint_auth_signing_alg_values_supported");
            // RFC 9701 §7: the JWT responses' algorithms (they are not encrypted)
            metadata.add("introspection_signing_alg_values_supported", JSON.createArrayBuilder(keys.signingAlgorithms()));
        }
        if (endpoint(metadata, Feature.REVOCATION, ENDPOINT_NAMES.get(Feature.REVOCATION), base)) {
            metadata.add("revocation_endpoint_auth_methods_supported", JSON.createArrayBuilder(authMethods()));
            assertionAlgorithms(metadata, "revocation_endpoint_auth_signing_alg_values_supported");
        }
        if (endpoint(metadata, Feature.PUSHED_AUTHORIZATION, "pushed_authorization_request_endpoint", base)) { // RFC 9126 §5
            metadata.add("require_pushed_authorization_requests", pushedAuthorization.required());
        }
        if (features.isOn(Feature.MUTUAL_TLS)) { // RFC 8705 §3.3, §5
            metadata.add("tls_client_certificate_bound_access_tokens", true);
            var aliases = JSON.createObjectBuilder().add("token_endpoint", mutualTls.alias(base, Endpoints.TOKEN).toString());
            for (var aliased : List.of(Feature.INTROSPECTION, Feature.REVOCATION, Feature.USERINFO)) {
                if (features.isOn(aliased)) {
                    aliases.add(ENDPOINT_NAMES.get(aliased), mutualTls.alias(base, aliased.paths().get(0)).toString());
                }
            }
            metadata.add("mtls_endpoint_aliases", aliases);
        }
        return metadata.build();
    }

    /** The client authentication methods of every endpoint that authenticates clients. */
    private List<String> authMethods() {
        var methods = new ArrayList<>(SECRET_METHODS);
        if (features.isOn(Feature.PRIVATE_KEY_JWT)) {
            methods.add(Credentials.PRIVATE_KEY_JWT);
        }
        if (features.isOn(Feature.CLIENT_SECRET_JWT)) {
            methods.add(Credentials.CLIENT_SECRET_JWT);
        }
        if (features.isOn(Feature.MUTUAL_TLS)) {
            methods.addAll(List.of(Credentials.TLS_CLIENT_AUTH, Credentials.SELF_SIGNED_TLS_CLIENT_AUTH));
        }
        return methods;
    }

    /** RFC 8414 §2: the algorithms of client assertions, where a method that takes them is offered. */
    private void assertionAlgorithms(JsonObjectBuilder metadata, String name) {
        var algorithms = new ArrayList<JWSAlgorithm>();
        if (features.isOn(Feature.PRIVATE_KEY_JWT)) {
            algorithms.addAll(ClientAssertions.ALGORITHMS);
        }
        if (features.isOn(Feature.CLIENT_SECRET_JWT)) {
            algorithms.addAll(ClientAssertions.MAC_ALGORITHMS);
        }
        if (!algorithms.isEmpty()) {
            metadata.add(name, JSON.createArrayBuilder(algorithms.stream().map(JWSAlgorithm::getName).toList()));
        }
    }

    /** Adds the feature's endpoint if the feature is on; whether it did. */
    private boolean endpoint(JsonObjectBuilder metadata, Feature feature, String name, String base) {
        if (!features.isOn(feature)) {
            return false;
        }
        metadata.add(name, base + feature.paths().get(0));
        return true;
    }
}
