package org.gatehouse.token.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jose.util.JSONObjectUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.clients.entity.ClientClaim;
import org.gatehouse.configuration.entity.GatehouseSettings;
import org.gatehouse.keys.control.SigningKeys;
import org.gatehouse.resources.entity.GrantedResources;

/** Mints JWT access tokens per RFC 9068, signed once with the current key. */
@ApplicationScoped
public class AccessTokenIssuer {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    SigningKeys keys;

    @Inject
    GatehouseSettings settings;

    @Inject
    Clock clock;

    /**
     * A signed access token for {@code subject}, or empty when no configured key has an algorithm all the
     * granted APIs accept.
     */
    public Optional<String> issue(String issuer, Client client, String subject, GrantedResources granted) {
        var key = keys.signingKey(granted.signingAlgorithms());
        if (key.isEmpty()) {
            return Optional.empty();
        }
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
        if (client.tokens().includeJwtId()) {
            byte[] id = new byte[16];
            RANDOM.nextBytes(id);
            claims.jwtID(HexFormat.of().withUpperCase().formatHex(id));
        }
        clientClaims(client).forEach(claims::claim);

        var header = new JWSHeader.Builder(JWSAlgorithm.parse(key.get().algorithm())).keyID(key.get().keyId());
        if (!settings.accessTokenJwtType().isEmpty()) {
            header.type(new JOSEObjectType(settings.accessTokenJwtType())); // RFC 9068 §2.1: at+jwt
        }
        var jwt = new SignedJWT(header.build(), claims.build());
        try {
            jwt.sign(key.get().signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed with key " + key.get().keyId(), e);
        }
        return Optional.of(jwt.serialize());
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
            String name = client.tokens().clientClaimsPrefix() + claim.type();
            Object value = typed(claim);
            claims.merge(name, value, (existing, added) -> {
                var list = existing instanceof List<?> l ? new ArrayList<Object>(l) : new ArrayList<>(List.of(existing));
                list.add(added);
                return list;
            });
        }
        return claims;
    }

    private static Object typed(ClientClaim claim) {
        String type = claim.valueType();
        try {
            if (type.endsWith("#integer") || type.endsWith("#integer32") || type.endsWith("#integer64")) {
                return Long.parseLong(claim.value());
            }
            if (type.endsWith("#boolean")) {
                return Boolean.parseBoolean(claim.value());
            }
            if (type.endsWith("#double")) {
                return Double.parseDouble(claim.value());
            }
            if (type.equals("json")) { // Duende's IdentityServerConstants.ClaimValueTypes.Json
                return JSONObjectUtils.parse(claim.value());
            }
        } catch (NumberFormatException | ParseException e) {
            // not what its type says: sent as the string it is
        }
        return claim.value();
    }
}
