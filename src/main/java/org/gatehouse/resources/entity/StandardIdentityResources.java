package org.gatehouse.resources.entity;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The identity resources of OpenID Connect Core §5.4, with the claims it assigns to each scope. Built
 * in, so that a configuration need not spell them out; a configured resource of the same name replaces one.
 */
public final class StandardIdentityResources {

    public static final String OPENID = "openid";
    public static final String OFFLINE_ACCESS = "offline_access";

    public static final List<IdentityResource> ALL = List.of(
            resource(OPENID, "Your user identifier", "", true, false, Set.of("sub")),
            resource("profile", "User profile", "Your user profile information (first name, last name, etc.)", false,
                    false, Set.of("name", "family_name", "given_name", "middle_name", "nickname", "preferred_username",
                            "profile", "picture", "website", "gender", "birthdate", "zoneinfo", "locale", "updated_at")),
            resource("email", "Your email address", "", false, true, Set.of("email", "email_verified")),
            resource("address", "Your postal address", "", false, true, Set.of("address")),
            resource("phone", "Your phone number", "", false, true, Set.of("phone_number", "phone_number_verified")));

    private StandardIdentityResources() {
    }

    private static IdentityResource resource(String name, String displayName, String description, boolean required,
            boolean emphasize, Set<String> claims) {
        return new IdentityResource(name, displayName, description, required, emphasize, true, true, claims, Map.of());
    }
}
