package org.gatehouse.discovery.boundary;

import jakarta.inject.Inject;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.stream.Stream;
import org.gatehouse.authorize.control.AuthorizeRequestValidator;
import org.gatehouse.protocol.entity.GrantTypes;
import java.util.TreeSet;
import org.gatehouse.clients.entity.Credentials;
import org.gatehouse.configuration.control.IssuerResolver;
import org.gatehouse.keys.entity.KeyManagementOptions;
import org.gatehouse.resources.control.ResourceStore;
import org.gatehouse.resources.entity.ApiScope;
import org.gatehouse.resources.entity.IdentityResource;
import org.gatehouse.token.control.TokenEndpoint;

/**
 * Server metadata: OpenID Connect Discovery 1.0 and RFC 8414 publish the same document. It advertises
 * what is implemented, plus the fields OIDC Discovery §3 requires of every provider (subject types, ID
 * token algorithms: the keys Gatehouse signs with). Endpoints are
 * under the request's base URI, which an {@code IssuerUri} such as a URN need not be.
 */
@Path(".well-known")
public class DiscoveryResource {

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final List<String> SECRET_METHODS = List.of(Credentials.CLIENT_SECRET_BASIC, Credentials.CLIENT_SECRET_POST);

    @Inject
    IssuerResolver issuers;

    @Inject
    ResourceStore resources;

    @Inject
    KeyManagementOptions keys;

    @Inject
    TokenEndpoint tokenEndpoint;

    @GET
    @Path("openid-configuration")
    public Response openIdConfiguration(@Context UriInfo uri) {
        return metadata(uri);
    }

    @GET
    @Path("oauth-authorization-server")
    public Response authorizationServer(@Context UriInfo uri) {
        return metadata(uri);
    }

    private Response metadata(UriInfo uri) {
        String base = uri.getBaseUri().toString();
        var catalog = resources.resources();
        var scopes = new TreeSet<String>();
        var claims = new TreeSet<String>();
        for (IdentityResource resource : catalog.identityResources()) {
            if (resource.enabled() && resource.showInDiscoveryDocument()) {
                scopes.add(resource.name());
                claims.addAll(resource.userClaims());
            }
        }
        catalog.apiScopes().stream().filter(s -> s.enabled() && s.showInDiscoveryDocument()).map(ApiScope::name)
                .forEach(scopes::add);
        var metadata = JSON.createObjectBuilder()
                .add("issuer", issuers.issuer(uri.getBaseUri()))
                .add("jwks_uri", base + ".well-known/openid-configuration/jwks")
                .add("authorization_endpoint", base + "connect/authorize")
                .add("token_endpoint", base + "connect/token")
                .add("userinfo_endpoint", base + "connect/userinfo")
                .add("end_session_endpoint", base + "connect/endsession")
                .add("scopes_supported", JSON.createArrayBuilder(scopes))
                .add("claims_supported", JSON.createArrayBuilder(claims))
                .add("grant_types_supported", JSON.createArrayBuilder(Stream.concat(tokenEndpoint.grantTypes().stream(),
                        Stream.of(GrantTypes.IMPLICIT)).sorted().toList()))
                .add("response_types_supported", JSON.createArrayBuilder(AuthorizeRequestValidator.SUPPORTED_RESPONSE_TYPES))
                .add("response_modes_supported", JSON.createArrayBuilder(List.of("query", "fragment", "form_post")))
                .add("subject_types_supported", JSON.createArrayBuilder(List.of("public", "pairwise")))
                .add("code_challenge_methods_supported", JSON.createArrayBuilder(List.of("plain", "S256")))
                .add("prompt_values_supported", JSON.createArrayBuilder(List.of("none", "login", "consent", "select_account")))
                .add("authorization_response_iss_parameter_supported", true) // RFC 9207 §3
                .add("claims_parameter_supported", false)
                .add("request_parameter_supported", false)
                .add("request_uri_parameter_supported", false)
                .add("id_token_signing_alg_values_supported", JSON.createArrayBuilder(keys.signingAlgorithms()))
                .add("token_endpoint_auth_methods_supported", JSON.createArrayBuilder(SECRET_METHODS))
                .add("introspection_endpoint", base + "connect/introspect")
                .add("introspection_endpoint_auth_methods_supported", JSON.createArrayBuilder(SECRET_METHODS))
                .add("revocation_endpoint", base + "connect/revocation")
                .add("revocation_endpoint_auth_methods_supported", JSON.createArrayBuilder(SECRET_METHODS));
        return Response.ok(metadata.build().toString(), MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "max-age=3600")
                .header("Vary", "Host") // endpoints (and a derived issuer) come from the request's host
                .build();
    }
}
