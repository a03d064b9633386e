package org.gatehouse.issuance.control;

import com.nimbusds.jose.util.JSONObjectUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gatehouse.claims.entity.RequestedClaims;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.grants.control.GrantStore;
import org.gatehouse.grants.entity.Grant;
import org.gatehouse.grants.entity.GrantType;
import org.gatehouse.issuance.entity.AuthorizationCode;
import org.gatehouse.issuance.entity.UserGrant;

/** Authorization codes in the grant store: only their hash is kept; one-time use is the store's atomic consume. */
@ApplicationScoped
public class AuthorizationCodes {

    /**
     * Codes a session may hold at once: more than any browser's concurrent sign-ins need. Each authorization request
     * stores one, so without a bound a signed-in script could grow the grant table for the codes' lifetime.
     */
    static final int PER_SESSION = 20;

    @Inject
    GrantStore grants;

    /** A new code for the client, valid for its {@code AuthorizationCodeLifetime}. */
    public String issue(Client client, AuthorizationCode code) {
        var data = new LinkedHashMap<String, Object>();
        data.put("client_id", code.clientId());
        data.put("redirect_uri", code.redirectUri());
        data.put("code_challenge", code.codeChallenge());
        data.put("code_challenge_method", code.codeChallengeMethod());
        data.put("nonce", code.nonce());
        data.put("sub", code.user().subjectId());
        data.put("sid", code.user().sessionId());
        data.put("auth_time", code.user().authTime().getEpochSecond());
        data.put("amr", code.user().amr());
        data.put("scope", code.scopes());
        data.put("aud", code.audiences());
        data.put("algorithms", List.copyOf(code.signingAlgorithms()));
        if (!code.claims().isEmpty()) {
            data.put("claims", code.claims().toJson());
        }
        if (code.dpopJkt() != null) {
            data.put("dpop_jkt", code.dpopJkt());
        }
        grants.trimSession(code.user().sessionId(), GrantType.AUTHORIZATION_CODE, PER_SESSION - 1);
        return grants.create(GrantType.AUTHORIZATION_CODE, client.clientId(), code.user().subjectId(),
                code.user().sessionId(), code.familyId(),
                Duration.ofSeconds(client.tokens().authorizationCodeLifetime()), JSONObjectUtils.toJSONString(data));
    }

    /** The code's grant, if it is a code, known and unexpired (consumed or not). */
    public Optional<Grant> find(String code) {
        return grants.find(code).filter(grant -> grant.type() == GrantType.AUTHORIZATION_CODE);
    }

    public static AuthorizationCode read(Grant grant) {
        try {
            Map<String, Object> data = JSONObjectUtils.parse(grant.data());
            var user = new UserGrant(grant.subjectId(), grant.sessionId(),
                    Instant.ofEpochSecond(JSONObjectUtils.getLong(data, "auth_time")),
                    JSONObjectUtils.getStringList(data, "amr"));
            return new AuthorizationCode(grant.clientId(), JSONObjectUtils.getString(data, "redirect_uri"),
                    JSONObjectUtils.getString(data, "code_challenge"),
                    JSONObjectUtils.getString(data, "code_challenge_method"), JSONObjectUtils.getString(data, "nonce"),
                    user, JSONObjectUtils.getStringList(data, "scope"), JSONObjectUtils.getStringList(data, "aud"),
                    Set.copyOf(JSONObjectUtils.getStringList(data, "algorithms")),
                    RequestedClaims.fromJson(JSONObjectUtils.getJSONObject(data, "claims")), grant.familyId(),
                    JSONObjectUtils.getString(data, "dpop_jkt"));
        } catch (ParseException e) {
            throw new IllegalStateException("stored authorization code is not valid", e);
        }
    }
}
