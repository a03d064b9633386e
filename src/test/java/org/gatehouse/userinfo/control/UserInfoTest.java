package org.gatehouse.userinfo.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gatehouse.Fixtures;
import org.gatehouse.claims.control.SubjectIdentifiers;
import org.gatehouse.claims.control.TestIdentityClaims;
import org.gatehouse.clients.control.TestClientStores;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.grants.control.GrantStore;
import org.gatehouse.grants.control.TestGrantStores;
import org.gatehouse.grants.entity.GrantType;
import org.gatehouse.issuance.control.TestTokenInspectors;
import org.gatehouse.keys.control.SigningKeys;
import org.gatehouse.keys.control.TestSigningKeys;
import org.gatehouse.resources.control.TestResourceStores;
import org.gatehouse.resources.entity.Resources;
import org.gatehouse.resources.entity.StandardIdentityResources;
import org.gatehouse.testing.MutableClock;
import org.gatehouse.userinfo.entity.UserInfoRequest;
import org.gatehouse.userinfo.entity.UserInfoResult;
import org.gatehouse.users.control.TestUserProfiles;
import org.gatehouse.users.entity.UserClaim;
import org.gatehouse.users.entity.UserProfile;
import org.gatehouse.mtls.entity.ClientCertificate;
import org.gatehouse.testing.TestCertificates;
import org.junit.jupiter.api.Test;

/**
 * {@link UserInfo} (OIDC Core §5.3, RFC 6750) with real tokens of this issuer, JWT and reference, real clients,
 * profiles and identity resources: what it answers, for whom, and what it refuses.
 */
class UserInfoTest {

    private static final String ISSUER = "https://gatehouse.example";

    private static final Client WEB = client("web");
    private static final Client PAIRWISE = client("pairwise", "\"PairWiseSubjectSalt\": \"salt\"");

    private static final UserProfile ALICE = new UserProfile("alice-1", "alice", List.of(
            new UserClaim("name", "Alice Smith", ""), new UserClaim("email", "alice@example.com", "")));

    /** Now: a JWT's expiry is checked against the system's time (Nimbus's), a stored token's against the clock. */
    private final MutableClock clock = new MutableClock(Instant.now());
    private final SigningKeys keys = TestSigningKeys.started(clock);
    private final GrantStore grants = TestGrantStores.inMemory(clock);
    private final UserInfo userInfo = new UserInfo();
    {
        var profiles = TestUserProfiles.of(ALICE);
        userInfo.inspector = TestTokenInspectors.of(keys, grants, clock);
        userInfo.clients = TestClientStores.of(List.of(WEB, PAIRWISE));
        userInfo.profiles = profiles;
        userInfo.identityClaims = TestIdentityClaims.of(TestResourceStores.of(
                new Resources(StandardIdentityResources.ALL, List.of(), List.of())), profiles);
    }

    private static Client client(String clientId, String... fields) {
        var all = new ArrayList<>(List.of("\"RedirectUris\": [ \"https://app.example/callback\" ]"));
        all.addAll(List.of(fields));
        return Fixtures.validClient(Fixtures.client(clientId, "[ \"authorization_code\" ]", all.toArray(String[]::new)));
    }

    private JWTClaimsSet.Builder claims(String clientId, String subject, Object scope) {
        var claims = new JWTClaimsSet.Builder().issuer(ISSUER).audience(ISSUER + "/resources").claim("client_id", clientId)
                .expirationTime(Date.from(clock.instant().plusSeconds(3600))).claim("scope", scope);
        return subject == null ? claims : claims.subject(subject);
    }

    private String jwt(String clientId, String subject, Object scope) throws JOSEException {
        return signed(claims(clientId, subject, scope));
    }

    private String signed(JWTClaimsSet.Builder claims) throws JOSEException {
        return keys.signingKey(Set.of()).orElseThrow().sign(new JOSEObjectType("at+jwt"), claims.build());
    }

    private String reference(String clientId, String subject, Object scope) {
        return grants.create(GrantType.REFERENCE_TOKEN, clientId, subject, "sid", GrantStore.newFamily(),
                Duration.ofHours(1), JSONObjectUtils.toJSONString(claims(clientId, subject, scope).build().toJSONObject()));
    }

    /** A request presenting {@code header} as a Bearer token and {@code form} in the body, made to {@code issuer}. */
    private static UserInfoRequest bearer(Optional<String> header, Optional<String> form, String issuer) {
        return new UserInfoRequest(header, Optional.empty(), form, List.of(), "GET",
                URI.create(issuer + "/connect/userinfo"), issuer, Optional.empty());
    }

    private UserInfoResult answer(String token) {
        return userInfo.answer(bearer(Optional.of(token), Optional.empty(), ISSUER));
    }

    private static Map<String, Object> claimsOf(UserInfoResult result) {
        return assertInstanceOf(UserInfoResult.Claims.class, result).claims();
    }

    private static void assertRefused(String error, UserInfoResult result) {
        assertEquals(error, assertInstanceOf(UserInfoResult.Refused.class, result).error().code());
    }

    @Test
    void theClaimsOfTheGrantedIdentityScopes() throws JOSEException {
        assertEquals(Map.of("sub", "alice-1", "name", "Alice Smith"), claimsOf(answer(jwt("web", "alice-1", "openid profile api1"))));
        assertEquals(Map.of("sub", "alice-1", "email", "alice@example.com"),
                claimsOf(answer(jwt("web", "alice-1", List.of("openid", "email")))));
    }

    @Test
    void subComesFirstInTheJson() throws JOSEException {
        var claims = assertInstanceOf(UserInfoResult.Claims.class, answer(jwt("web", "alice-1", "openid profile")));
        assertEquals("{\"sub\":\"alice-1\",\"name\":\"Alice Smith\"}", claims.toJson());
    }

    @Test
    void aRevokedJwtIsRefused() throws JOSEException { // RFC 7009 §2: revocation reaches every use of the token
        String jwt = signed(claims("web", "alice-1", "openid profile").jwtID("jti-1"));
        assertTrue(TestTokenInspectors.revokedJwts(userInfo.inspector).revoke(userInfo.inspector.jwt(jwt, ISSUER).orElseThrow()));
        assertRefused("invalid_token", answer(jwt));
    }

    @Test
    void aCertificateBoundTokenAnswersOnlyTheRequestWithItsCertificate() throws JOSEException { // RFC 8705 §3
        var certificate = new ClientCertificate(TestCertificates.selfSigned("CN=client").certificate());
        String token = signed(claims("web", "alice-1", "openid profile").claim("cnf", Map.of("x5t#S256", certificate.thumbprint())));
        var withIt = new UserInfoRequest(Optional.of(token), Optional.empty(), Optional.empty(), List.of(), "GET",
                URI.create(ISSUER + "/connect/mtls/userinfo"), ISSUER, Optional.of(certificate));
        assertEquals(Map.of("sub", "alice-1", "name", "Alice Smith"), claimsOf(userInfo.answer(withIt)));
        assertRefused("invalid_token", answer(token));
        var withAnother = new UserInfoRequest(Optional.of(token), Optional.empty(), Optional.empty(), List.of(), "GET",
                URI.create(ISSUER + "/connect/mtls/userinfo"), ISSUER,
                Optional.of(new ClientCertificate(TestCertificates.selfSigned("CN=client").certificate())));
        assertRefused("invalid_token", userInfo.answer(withAnother));
    }

    @Test
    void aReferenceTokenAnswersAlike() {
        assertEquals(Map.of("sub", "alice-1", "name", "Alice Smith"), claimsOf(answer(reference("web", "alice-1", "openid profile"))));
    }

    @Test
    void thePairwiseSubjectOfTheTokensClient() throws JOSEException { // OIDC Core §8
        assertEquals(SubjectIdentifiers.forClient(PAIRWISE, "alice-1"),
                claimsOf(answer(jwt("pairwise", "alice-1", "openid"))).get("sub"));
    }

    @Test
    void aUserWithoutProfileHereHasOnlyASubject() throws JOSEException { // another IdentityStore's user
        assertEquals(Map.of("sub", "ldap-7"), claimsOf(answer(jwt("web", "ldap-7", "openid profile"))));
    }

    @Test
    void noTokenIsUnauthenticatedWithoutAnErrorCode() { // RFC 6750 §3.1
        assertInstanceOf(UserInfoResult.Unauthenticated.class, userInfo.answer(bearer(Optional.empty(), Optional.empty(), ISSUER)));
    }

    @Test
    void theFormsTokenIsTaken() throws JOSEException {
        var result = userInfo.answer(bearer(Optional.empty(), Optional.of(jwt("web", "alice-1", "openid")), ISSUER));
        assertEquals(Map.of("sub", "alice-1"), claimsOf(result));
    }

    @Test
    void aTokenInHeaderAndFormIsInvalidRequest() throws JOSEException { // RFC 6750 §2
        String token = jwt("web", "alice-1", "openid");
        assertRefused("invalid_request", userInfo.answer(bearer(Optional.of(token), Optional.of(token), ISSUER)));
    }

    @Test
    void anUnknownExpiredOrForeignTokenIsInvalidToken() throws JOSEException {
        assertRefused("invalid_token", answer("unknown-handle"));
        assertRefused("invalid_token", userInfo.answer(bearer(Optional.of(jwt("web", "alice-1", "openid")), Optional.empty(),
                "https://elsewhere.example")));
        assertRefused("invalid_token", answer(signed(claims("web", "alice-1", "openid")
                .expirationTime(Date.from(Instant.now().minusSeconds(120))))));
        String reference = reference("web", "alice-1", "openid");
        clock.advance(Duration.ofHours(2));
        assertRefused("invalid_token", answer(reference));
    }

    @Test
    void aRefreshTokenIsNotAnAccessToken() {
        String refresh = grants.create(GrantType.REFRESH_TOKEN, "web", "alice-1", "sid", GrantStore.newFamily(),
                Duration.ofHours(1), JSONObjectUtils.toJSONString(claims("web", "alice-1", "openid").build().toJSONObject()));
        assertRefused("invalid_token", answer(refresh));
    }

    @Test
    void withoutOpenidTheScopeIsInsufficient() throws JOSEException {
        var result = answer(jwt("web", "alice-1", "api1 profile"));
        assertRefused("insufficient_scope", result);
        assertEquals(403, ((UserInfoResult.Refused) result).error().status());
    }

    @Test
    void aClientTokenOrAnUnknownClientIsInvalidToken() throws JOSEException {
        assertRefused("invalid_token", answer(jwt("web", null, "openid")));
        assertRefused("invalid_token", answer(jwt("gone", "alice-1", "openid")));
    }
}
