package org.gatehouse.users.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.CredentialValidationResult.Status;
import jakarta.security.enterprise.identitystore.IdentityStore.ValidationType;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EmbeddedIdentityStoreTest {

    private final FakePasswordHash pbkdf2 = new FakePasswordHash();
    private final EmbeddedIdentityStore store = new EmbeddedIdentityStore();

    EmbeddedIdentityStoreTest() {
        store.passwords = pbkdf2.passwords();
        store.accounts = new AccountsInMemory().add("1", "Alice", FakePasswordHash.encoding("wonderland", 600_000));
    }

    private CredentialValidationResult validate(String username, String password) {
        return store.validate(new UsernamePasswordCredential(username, password));
    }

    @Test
    void rightPasswordNamesTheSubjectAndTheUsernameAsConfigured() {
        var result = validate("alice", "wonderland");
        assertEquals(Status.VALID, result.getStatus());
        assertEquals("1", result.getCallerUniqueId());
        assertEquals("Alice", result.getCallerPrincipal().getName());
    }

    @Test
    void wrongPasswordIsInvalid() {
        assertEquals(Status.INVALID, validate("ALICE", "Wonderland").getStatus());
    }

    @Test
    void unknownUserIsInvalidAfterAsMuchHashingAsAKnownOne() {
        validate("alice", "wrong");
        int forKnownUser = pbkdf2.verified;
        assertEquals(Status.INVALID, validate("mallory", "wonderland").getStatus());
        assertEquals(forKnownUser, pbkdf2.verified - forKnownUser);
    }

    @Test
    void otherCredentialsAreLeftToOtherStores() {
        assertSame(CredentialValidationResult.NOT_VALIDATED_RESULT, store.validate(new Credential() { }));
    }

    @Test
    void validatesOnlyAndAfterTheStoresADeploymentAdds() {
        assertEquals(Set.of(ValidationType.VALIDATE), store.validationTypes());
        assertEquals(1000, store.priority());
    }
}
