package org.gatehouse.userinfo.entity;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.util.Map;
import org.gatehouse.protocol.entity.OAuthError;

/** What the UserInfo endpoint answers (OIDC Core §5.3.2-3; RFC 6750 §3 for the errors). */
public sealed interface UserInfoResult {

    /** The user's claims, {@code sub} first: JSON names to JSON values. */
    record Claims(Map<String, Object> claims) implements UserInfoResult {

        public String toJson() {
            return JSONObjectUtils.toJSONString(claims);
        }
    }

    /** RFC 6750 §3.1: no access token was presented; the challenge carries no error code. */
    record Unauthenticated() implements UserInfoResult {
    }

    /**
     * The token was presented wrongly, or is not one this endpoint answers for; {@code dpop} when the challenge is
     * for the DPoP scheme (RFC 9449 §7.1): the token or its proof was DPoP's.
     */
    record Refused(OAuthError error, boolean dpop) implements UserInfoResult {

        public Refused(OAuthError error) {
            this(error, false);
        }
    }
}
