package org.gatehouse.issuance.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.gatehouse.clients.entity.AccessTokenType;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.clients.entity.ClientClaim;
import org.gatehouse.configuration.entity.GatehouseSettings;
import org.gatehouse.grants.control.GrantStore;
import org.gatehouse.grants.entity.GrantType;
import org.gatehouse.issuance.entity.UserGrant;
import org.gatehouse.keys.control.SigningKeys;
import org.gatehouse.keys.entity.KeyRing.ActiveKey;
import org.gatehouse.protocol.entity.ClaimValue;
import org.gatehouse.protocol.entity.Confirmation;
import org.gatehouse.resources.entity.GrantedResources;

/**
 * Mints access tokens: JWTs per RFC 9068, signed once with the current key, or — for clients with
 * {@code AccessTokenType: Reference} — opaque handles to the same claims, kept in the grant store.
 */
@ApplicationScoped
public class AccessTokenIssuer {

    /** The access token claim naming the UserInfo claims asked for by name. */
    public static final String USERINFO_CLAIMS = "userinfo_claims";

    @Inject
    SigningKeys keys;

    @Inject
    GatehouseSettings settings;

    @Inject
    GrantStore grants;

    @Inject
    Clock clock;

    /**
     * An access token for a client acting for itself (client credentials); empty when it is a JWT and no
     * configured key has an algorithm all the granted APIs accept.
     */
    public Optional<String> issue(String issuer, Client client, String subject, GrantedResources granted,
            Optional<Confirmation> confirmation) {
        String family = GrantStore.newFamily();
        var claims = claims(issuer, client, subject, granted, family, confirmation);
        clientClaims(client).forEach(claims::claim);
        return issue(client, claims.build(), null, family, granted);
    }

    /**
     * An access token for a user: with the sign-in's {@code auth_time}, {@code amr} and {@code sid}, the user
     * claims the granted APIs ask for, and the client's claims only if it {@code AlwaysSendClientClaims}.
     * A reference token joins {@code familyId}, so that revoking the grant revokes it; {@code userInfoClaims} are
     * the claims the authorization request asked UserInfo for by name; {@code confirmation} the key it is bound to.
     */
    public Optional<String> issue(String issuer, Client client, UserGrant user, Map<String, Object> userClaims,
            Set<String> userInfoClaims, GrantedResources granted, String familyId, Optional<Confirmation> confirmation) {
        var claims = claims(issuer, client, user.subjectId(), granted, familyId, confirmation)
                .claim("auth_time", user.authTime().getEpochSecond())
                .claim("idp", "local")
                .claim("acr", user.acr()) // RFC 9068 §2.2.3.1
                .claim("amr", user.amr());
        if (!userInfoClaims.isEmpty()) {
            // The UserInfo claims a claims parameter asked for by name (OIDC Core §5.5): the token says what it may
            // read, as the Connect2id server's self-contained tokens do, so that userinfo needs no stored grant.
            claims.claim(USERINFO_CLAIMS, List.copyOf(new TreeSet<>(userInfoClaims)));
        }
        if (user.sessionId() != null) {
            claims.claim("sid", user.sessionId());
        }
        userClaims.forEach(claims::claim);
        if (client.tokens().alwaysSendClientClaims()) {
            clientClaims(client).forEach(claims::claim);
        }
        return issue(client, claims.build(), user.sessionId(), familyId, granted);
    }

    private Optional<String> issue(Client client, JWTClaimsSet claims, String sessionId, String familyId,
            GrantedResources granted) {
        if (client.tokens().accessTokenType() == AccessTokenType.REFERENCE) {
            return Optional.of(grants.create(GrantType.REFERENCE_TOKEN, client.clientId(), claims.getSubject(), sessionId,
                    familyId, Duration.ofSeconds(client.tokens().accessTokenLifetime()), claims.toString()));
        }
        return keys.signingKey(granted.signingAlgorithms()).map(key -> sign(claims, key));
    }

    private JWTClaimsSet.Builder claims(String issuer, Client client, String subject, GrantedResources granted,
            String familyId, Optional<Confirmation> confirmation) {
        Instant now = clock.instant();
        var claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject)
                .audience(audiences(issuer, granted))
                .notBeforeTime(Date.from(now))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(client.tokens().accessTokenLifetime())))
                .claim("client_id", client.clientId())
                .claim("scope", settings.emitScopesAsSpaceDelimitedStringInJwt() ? granted.scope() : granted.scopes());
        if (client.tokens().includeJwtId()) { // without one, a JWT cannot be revoked: it lives until exp
            claims.jwtID(RevokedJwts.newJwtId(familyId));
        }
        // RFC 9449 §6.1 (a JWT) and §6.2 (a reference token, whose stored claims introspection returns).
        confirmation.ifPresent(cnf -> claims.claim(Confirmation.CLAIM, cnf.claim()));
        return claims;
    }

    private String sign(JWTClaimsSet claims, ActiveKey key) {
        String type = settings.accessTokenJwtType(); // RFC 9068 §2.1: at+jwt
        try {
            return key.sign(type.isEmpty() ? null : new JOSEObjectType(type), claims);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed with key " + key.keyId(), e);
        }
    }

    /** RFC 9068 §2.2 requires {@code aud}; without an API resource it is Duende's static {@code issuer/resources}. */
    private List<String> audiences(String issuer, GrantedResources granted) {
        var audiences = new ArrayList<>(granted.audiences());
        if (audiences.isEmpty() || settings.emitStaticAudienceClaim()) {
            audiences.add(issuer.endsWith("/") ? issuer + "resources" : issuer + "/resources");
        }
        return audiences;
    }

    /** The client's {@code Claims}, prefixed, typed by their .NET value type; repeated types become arrays. */
    private static Map<String, Object> clientClaims(Client client) {
        var claims = new LinkedHashMap<String, Object>();
        for (ClientClaim claim : client.claims()) {
            ClaimValue.add(claims, client.tokens().clientClaimsPrefix() + claim.type(),
                    ClaimValue.typed(claim.value(), claim.valueType()));
        }
        return claims;
    }
}
