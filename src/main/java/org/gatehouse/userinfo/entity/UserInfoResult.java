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

    /** The token was presented wrongly, or is not one this endpoint answers for. */
    record Refused(OAuthError error) implements UserInfoResult {
    }
}
