package org.gatehouse.users.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.gatehouse.users.entity.UserClaim;
import org.gatehouse.users.entity.UserProfile;
import org.junit.jupiter.api.Test;

class UserProfilesTest {

    private final UserProfiles profiles = new UserProfiles();

    @Test
    void profileCarriesTheStoredClaimsWithTheirTypes() {
        var claims = new UserClaim[] {new UserClaim("name", "Bob Smith", UserClaim.STRING),
                new UserClaim("address", "{ \"locality\": \"Heidelberg\" }", "json"), new UserClaim("role", "a", "")};
        profiles.accounts = new AccountsInMemory().add("2", "bob", "hash", claims);
        assertEquals(Optional.of(new UserProfile("2", "bob", List.of(claims))), profiles.find("2"));
    }

    @Test
    void subjectsTheEmbeddedStoreDoesNotKnowHaveNoProfile() {
        profiles.accounts = new AccountsInMemory();
        assertEquals(Optional.empty(), profiles.find("ldap-user"));
    }
}
