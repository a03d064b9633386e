package org.gatehouse.introspection.entity;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gatehouse.issuance.entity.InspectedToken;
import org.gatehouse.protocol.entity.Confirmation;

/** An introspection response (RFC 7662 §2.2): {@code active}, and for an active token its claims and type. */
public record IntrospectionResponse(Map<String, Object> members) {

    /** Unknown, expired, revoked or not the caller's: all alike, so the answer reveals nothing of other tokens. */
    public static final IntrospectionResponse INACTIVE = new IntrospectionResponse(Map.of("active", false));

    /** Active, the token's claims ({@code scope}, {@code client_id}, {@code sub}, {@code exp}, …), its type. */
    public static IntrospectionResponse active(InspectedToken token) {
        var members = new LinkedHashMap<String, Object>();
        members.put("active", true);
        members.putAll(token.claims());
        if (token.isAccessToken()) {
            members.put("token_type", Confirmation.tokenType(Confirmation.of(token.claims()))); // RFC 9449 §6.2, with cnf
        }
        return new IntrospectionResponse(members);
    }

    public boolean isActive() {
        return Boolean.TRUE.equals(members.get("active"));
    }

    public String toJson() {
        return JSONObjectUtils.toJSONString(members);
    }
}
