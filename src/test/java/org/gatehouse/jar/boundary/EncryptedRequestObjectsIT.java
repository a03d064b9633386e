package org.gatehouse.jar.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.PushedAuthorizationErrorResponse;
import com.nimbusds.oauth2.sdk.PushedAuthorizationRequest;
import com.nimbusds.oauth2.sdk.PushedAuthorizationResponse;
import com.nimbusds.oauth2.sdk.PushedAuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gatehouse.testing.OAuthClient;
import org.gatehouse.testing.PayaraMicroProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Request objects encrypted to Gatehouse (RFC 9101 §6.1), on a node with
 * {@code gatehouse.key-management.request-object-encryption}: discovery and the JWKS offer the RSA-OAEP-256 key, and
 * jar.web's signed object, encrypted to it with Nimbus, is the whole pushed request; encrypted to another key, it is
 * {@code invalid_request_object}.
 */
class EncryptedRequestObjectsIT {

    private static final int PORT = Integer.getInteger("it.port.encrypted-request-objects", 18346);
    private static final String ISSUER = "http://localhost:" + PORT;
    private static final URI REDIRECT = URI.create("https://jar.example/signin-oidc");

    private static PayaraMicroProcess node;
    private static OIDCProviderMetadata metadata;

    @BeforeAll
    static void start() throws Exception {
        node = PayaraMicroProcess.start("encrypted-request-objects", PORT, Map.of(
                "gatehouse.settings-file", "src/test/resources/it/appsettings.json",
                "gatehouse.key-management.encryption-key", "integration-tests-only",
                "gatehouse.key-management.request-object-encryption", "true"), Map.of(), List.of())
                .awaitReady(Duration.ofMinutes(3));
        metadata = OIDCProviderMetadata.resolve(new Issuer(ISSUER));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    /** signed.client's key, which jar.web's certificate secret also holds (test only). */
    private static RSAPrivateKey signingKey() throws Exception {
        try (InputStream in = EncryptedRequestObjectsIT.class.getResourceAsStream("/keys/assertion-client.key")) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            byte[] der = Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----|\\s", ""));
            return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        }
    }

    /** jar.web's request, signed by it, then encrypted to {@code to}. */
    private static String encryptedRequest(RSAKey to) throws Exception {
        var request = new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid", "api1"), new ClientID("jar.web"),
                REDIRECT).state(new State()).nonce(new Nonce()).codeChallenge(new CodeVerifier(), CodeChallengeMethod.S256).build();
        var claims = new JWTClaimsSet.Builder(request.toJWTClaimsSet()).issuer("jar.web").audience(ISSUER)
                .jwtID(UUID.randomUUID().toString()).expirationTime(new Date(System.currentTimeMillis() + 300_000)).build();
        var signed = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.PS256).type(new JOSEObjectType("oauth-authz-req+jwt"))
                .build(), claims);
        signed.sign(new RSASSASigner(signingKey()));
        var jwe = new JWEObject(new JWEHeader.Builder(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM).contentType("JWT")
                .keyID(to.getKeyID()).build(), new Payload(signed.serialize()));
        jwe.encrypt(new RSAEncrypter(to));
        return jwe.serialize();
    }

    private static PushedAuthorizationResponse push(String requestObject) throws Exception {
        var form = "client_id=jar.web&request=" + requestObject;
        var http = new PushedAuthorizationRequest(metadata.getPushedAuthorizationRequestEndpointURI(),
                new ClientSecretBasic(new ClientID("jar.web"), new Secret("secret")),
                new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid"), new ClientID("jar.web"), REDIRECT).build())
                .toHTTPRequest();
        http.setBody(form);
        return PushedAuthorizationResponse.parse(OAuthClient.send(http));
    }

    @Test
    void aSignedObjectEncryptedToThePublishedKeyIsPushed() throws Exception {
        assertEquals(List.of(JWEAlgorithm.RSA_OAEP_256), metadata.getRequestObjectJWEAlgs());
        assertTrue(metadata.getRequestObjectJWEEncs().contains(EncryptionMethod.A256GCM));
        var encryptionKeys = JWKSet.load(metadata.getJWKSetURI().toURL()).getKeys().stream()
                .filter(key -> KeyUse.ENCRYPTION.equals(key.getKeyUse())).toList();
        assertEquals(1, encryptionKeys.size(), "one RSA-OAEP-256 key, published with use enc");
        var pushed = push(encryptedRequest(encryptionKeys.get(0).toRSAKey()));
        assertInstanceOf(PushedAuthorizationSuccessResponse.class, pushed, () -> pushed.toErrorResponse().getErrorObject().getDescription());
    }

    @Test
    void oneEncryptedToAnotherKeyIsRefused() throws Exception {
        var other = new RSAKeyGenerator(2048).keyID("not-gatehouses").generate();
        ErrorObject error = assertInstanceOf(PushedAuthorizationErrorResponse.class, push(encryptedRequest(other.toPublicJWK())))
                .getErrorObject();
        assertEquals("invalid_request_object", error.getCode());
    }
}
