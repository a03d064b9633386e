package org.gatehouse.issuance.control;

import com.nimbusds.jose.util.JSONObjectUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gatehouse.claims.entity.RequestedClaims;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.clients.entity.RefreshTokenExpiration;
import org.gatehouse.grants.control.GrantStore;
import org.gatehouse.grants.entity.Grant;
import org.gatehouse.grants.entity.GrantType;
import org.gatehouse.issuance.entity.RefreshToken;
import org.gatehouse.issuance.entity.UserGrant;
import org.gatehouse.protocol.entity.Confirmation;

/**
 * Refresh tokens in the grant store, with Duende's lifetimes: {@code Absolute} tokens end
 * {@code AbsoluteRefreshTokenLifetime} after the first was issued; {@code Sliding} ones
 * {@code SlidingRefreshTokenLifetime} after their last use, but never past the absolute end (0: no end).
 */
@ApplicationScoped
public class RefreshTokens {

    @Inject
    GrantStore grants;

    @Inject
    Clock clock;

    /** What the first refresh token of a grant stands for, its absolute lifetime starting now. */
    public RefreshToken first(Client client, UserGrant user, List<String> scopes, List<String> audiences,
            Set<String> algorithms, Map<String, Object> accessTokenClaims, RequestedClaims claims, String familyId) {
        Instant now = clock.instant();
        int absolute = client.tokens().absoluteRefreshTokenLifetime();
        return new RefreshToken(client.clientId(), user, scopes, audiences, algorithms, accessTokenClaims, now,
                absolute > 0 ? now.plusSeconds(absolute) : null, claims, familyId, null);
    }

    /** When the token expires if used (or issued) now. */
    public Instant expiry(Client client, RefreshToken token) {
        Instant end = token.absoluteExpiry() == null ? clock.instant().plus(GrantStore.NO_EXPIRY) : token.absoluteExpiry();
        if (client.tokens().refreshTokenExpiration() == RefreshTokenExpiration.SLIDING) {
            Instant sliding = clock.instant().plusSeconds(client.tokens().slidingRefreshTokenLifetime());
            return sliding.isBefore(end) ? sliding : end;
        }
        return end;
    }

    public Optional<Grant> find(String handle) {
        return grants.find(handle).filter(grant -> grant.type() == GrantType.REFRESH_TOKEN);
    }

    /** Stores a refresh token (the first, or a one-time token's successor) and returns its handle. */
    public String issue(Client client, RefreshToken token) {
        var data = new LinkedHashMap<String, Object>();
        data.put("client_id", token.clientId());
        data.put("sub", token.user().subjectId());
        data.put("sid", token.user().sessionId());
        data.put("auth_time", token.user().authTime().getEpochSecond());
        data.put("amr", token.user().amr());
        data.put("scope", String.join(" ", token.scopes()));
        data.put("aud", token.audiences());
        data.put("algorithms", List.copyOf(token.signingAlgorithms()));
        data.put("at_claims", token.accessTokenClaims());
        data.put("iat", token.created().getEpochSecond());
        if (!token.claims().isEmpty()) {
            data.put("claims", token.claims().toJson());
        }
        if (token.absoluteExpiry() != null) {
            data.put("exp", token.absoluteExpiry().getEpochSecond());
        }
        if (token.confirmation() != null) {
            data.put(Confirmation.CLAIM, token.confirmation().claim());
        }
        var lifetime = Duration.between(clock.instant(), expiry(client, token));
        return grants.create(GrantType.REFRESH_TOKEN, client.clientId(), token.user().subjectId(),
                token.user().sessionId(), token.familyId(), lifetime, JSONObjectUtils.toJSONString(data));
    }

    /** The keys a token is bound to, or null; one stored before certificate binding came has its {@code jkt} alone. */
    private static Confirmation binding(Map<String, Object> data) throws ParseException {
        var confirmation = Confirmation.of(data);
        String jkt = JSONObjectUtils.getString(data, "jkt");
        return confirmation.orElse(jkt == null ? null : Confirmation.dpop(jkt));
    }

    public static RefreshToken read(Grant grant) {
        try {
            var data = JSONObjectUtils.parse(grant.data());
            var user = new UserGrant(grant.subjectId(), grant.sessionId(),
                    Instant.ofEpochSecond(JSONObjectUtils.getLong(data, "auth_time")),
                    JSONObjectUtils.getStringList(data, "amr"));
            var claims = JSONObjectUtils.getJSONObject(data, "at_claims");
            return new RefreshToken(grant.clientId(), user,
                    List.of(JSONObjectUtils.getString(data, "scope").split(" ")),
                    JSONObjectUtils.getStringList(data, "aud"),
                    Set.copyOf(JSONObjectUtils.getStringList(data, "algorithms")),
                    claims == null ? Map.of() : claims,
                    Instant.ofEpochSecond(JSONObjectUtils.getLong(data, "iat")),
                    data.containsKey("exp") ? Instant.ofEpochSecond(JSONObjectUtils.getLong(data, "exp")) : null,
                    RequestedClaims.fromJson(JSONObjectUtils.getJSONObject(data, "claims")), grant.familyId(),
                    binding(data));
        } catch (ParseException e) {
            throw new IllegalStateException("stored refresh token is not valid", e);
        }
    }
}
