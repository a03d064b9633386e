package org.gatehouse.jarm.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWEDecryptionKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.jarm.JARMValidator;
import com.nimbusds.openid.connect.sdk.Prompt;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.gatehouse.testing.GatehouseWar;
import org.gatehouse.testing.OidcFlow;
import org.gatehouse.testing.SignInFlow;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * JARM black-box, with the Nimbus SDK's {@link JARMValidator} as the client: the response JWT of {@code jwt},
 * {@code query.jwt} and {@code form_post.jwt} is signed by a key of Gatehouse's JWKS, for the client, from the issuer,
 * and carries the code (redeemed) or the error, with {@code state}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class JarmIT {

    private static final String REDIRECT = "https://web.example/signin-oidc";
    private static final Pattern RESPONSE_FIELD = Pattern.compile("name=\"response\" value=\"([^\"]+)\"");

    @Deployment(testable = false)
    static WebArchive gatehouse() {
        return GatehouseWar.atRoot();
    }

    @ArquillianResource
    URL base;

    private OIDCProviderMetadata metadata;
    private OidcFlow flow;
    private JARMValidator jarm;

    @BeforeEach
    void discover() throws Exception {
        String issuer = base.toString().replaceAll("/$", "");
        metadata = OIDCProviderMetadata.resolve(new Issuer(issuer));
        flow = OidcFlow.confidential(issuer, "web", REDIRECT, "openid api1");
        jarm = new JARMValidator(metadata.getIssuer(), flow.clientId, JWSAlgorithm.RS256,
                JWKSet.load(metadata.getJWKSetURI().toURL()));
    }

    /** The response, verified by Nimbus's JARM validator; nothing travels beside the response JWT. */
    private AuthorizationResponse verified(String location) throws Exception {
        assertEquals(java.util.Set.of("response"), AuthorizationResponse.parseResponseParameters(URI.create(location)).keySet());
        return AuthorizationResponse.parse(URI.create(location), jarm);
    }

    @Test
    void discoveryOffersTheJwtModesAndTheirAlgorithms() {
        assertTrue(metadata.getResponseModes().containsAll(List.of(ResponseMode.JWT, ResponseMode.QUERY_JWT,
                ResponseMode.FRAGMENT_JWT, ResponseMode.FORM_POST_JWT)), metadata.getResponseModes().toString());
        assertTrue(metadata.getAuthorizationJWSAlgs().contains(JWSAlgorithm.RS256));
        assertTrue(metadata.getAuthorizationJWEAlgs().containsAll(List.of(JWEAlgorithm.ECDH_ES_A128KW, JWEAlgorithm.RSA_OAEP_256)));
        assertTrue(metadata.getAuthorizationJWEEncs().contains(EncryptionMethod.A256GCM));
    }

    @Test
    void aClientWithAnEncryptionKeyGetsItsResponseEncryptedToIt() throws Exception { // JARM §2.3, §3
        String issuer = metadata.getIssuer().getValue();
        var sealed = OidcFlow.confidential(issuer, "jarm.sealed", "https://sealed.example/signin-oidc", "openid api1");
        sealed.with(request -> request.responseMode(ResponseMode.JWT));
        var redirect = new SignInFlow(base).authorize(sealed.authorizationUri(), "alice", "alice");
        assertEquals(302, redirect.statusCode(), redirect.body());
        var location = URI.create(redirect.headers().firstValue("Location").orElseThrow());
        var jwe = JWEObject.parse(AuthorizationResponse.parseResponseParameters(location).get("response").get(0));
        assertEquals(JWEAlgorithm.ECDH_ES_A128KW, jwe.getHeader().getAlgorithm(), "AuthorizationEncryptedResponseAlg");
        assertEquals(EncryptionMethod.A256GCM, jwe.getHeader().getEncryptionMethod(), "AuthorizationEncryptedResponseEnc");
        assertEquals("JWT", jwe.getHeader().getContentType(), "a nested JWT: signed, then encrypted");
        assertEquals("jarm.sealed-enc", jwe.getHeader().getKeyID());

        var key = ECKey.parse(Files.readString(Path.of("src/test/resources/keys/jarm-encryption.jwk")));
        var validator = new JARMValidator(metadata.getIssuer(), new ClientID("jarm.sealed"),
                new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(JWKSet.load(metadata.getJWKSetURI().toURL()))),
                new JWEDecryptionKeySelector<>(JWEAlgorithm.ECDH_ES_A128KW, EncryptionMethod.A256GCM,
                        new ImmutableJWKSet<>(new JWKSet(key))));
        var response = AuthorizationResponse.parse(location, validator);
        assertEquals(sealed.state, response.getState());
        assertEquals("1", sealed.validate(sealed.exchange(response.toSuccessResponse().getAuthorizationCode())).getSubject().getValue());
    }

    @Test
    void theCodeArrivesInASignedResponseJwtAndIsRedeemed() throws Exception { // JARM §2.3.4: jwt for code is query.jwt
        flow.with(request -> request.responseMode(ResponseMode.JWT));
        var redirect = new SignInFlow(base).authorize(flow.authorizationUri(), "alice", "alice");
        assertEquals(302, redirect.statusCode(), redirect.body());
        String location = redirect.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(REDIRECT + "?response="), location);
        var response = verified(location);
        assertEquals(flow.state, response.getState());
        var another = new JARMValidator(metadata.getIssuer(), new com.nimbusds.oauth2.sdk.id.ClientID("mvc"), JWSAlgorithm.RS256,
                JWKSet.load(metadata.getJWKSetURI().toURL()));
        org.junit.jupiter.api.Assertions.assertThrows(com.nimbusds.oauth2.sdk.ParseException.class,
                () -> AuthorizationResponse.parse(URI.create(location), another), "for web only: aud");
        var tokens = flow.exchange(response.toSuccessResponse().getAuthorizationCode());
        assertEquals("1", flow.validate(tokens).getSubject().getValue());
    }

    @Test
    void anErrorIsAResponseJwtToo() throws Exception {
        flow.with(request -> request.responseMode(ResponseMode.QUERY_JWT).prompt(Prompt.Type.NONE));
        var redirect = new SignInFlow(base).get(flow.authorizationUri());
        assertEquals(302, redirect.statusCode(), redirect.body());
        var response = verified(redirect.headers().firstValue("Location").orElseThrow());
        assertEquals("login_required", response.toErrorResponse().getErrorObject().getCode());
        assertEquals(flow.state, response.getState());
    }

    @Test
    void formPostJwtPostsTheResponseJwt() throws Exception {
        flow.with(request -> request.responseMode(ResponseMode.FORM_POST_JWT));
        var page = new SignInFlow(base).authorize(flow.authorizationUri(), "alice", "alice");
        assertEquals(200, page.statusCode(), page.body());
        var field = RESPONSE_FIELD.matcher(page.body());
        assertTrue(field.find(), page.body());
        var response = AuthorizationResponse.parse(URI.create(REDIRECT), Map.of("response", List.of(field.group(1))), jarm);
        assertEquals(flow.state, response.getState());
        assertEquals("1", flow.validate(flow.exchange(response.toSuccessResponse().getAuthorizationCode())).getSubject().getValue());
    }
}
