package org.gatehouse.users.control;

import static jakarta.security.enterprise.identitystore.CredentialValidationResult.INVALID_RESULT;
import static jakarta.security.enterprise.identitystore.CredentialValidationResult.NOT_VALIDATED_RESULT;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.EnumSet;
import java.util.Set;

/**
 * Gatehouse's own identity store: the accounts of {@code GH_USER}, usernames compared case-insensitively.
 * A deployment may add its own {@link IdentityStore} beans (LDAP, its database); the platform's
 * {@code IdentityStoreHandler} asks them in the order of their priority, this one last.
 */
@ApplicationScoped
public class EmbeddedIdentityStore implements IdentityStore {

    @Inject
    UserAccounts accounts;

    @Inject
    UserPasswords passwords;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential login)) {
            return NOT_VALIDATED_RESULT;
        }
        String password = login.getPasswordAsString();
        var account = accounts.findByUsername(login.getCaller());
        if (account.isEmpty()) {
            passwords.verifyForUnknownUser(password);
            return INVALID_RESULT;
        }
        if (!passwords.verify(password, account.get().passwordHash())) {
            return INVALID_RESULT;
        }
        return new CredentialValidationResult(null, new CallerPrincipal(account.get().username()), null,
                account.get().subjectId(), Set.of());
    }

    /** After the stores a deployment adds, whose default priority is 100: asked last. */
    @Override
    public int priority() {
        return 1000;
    }

    /** Validates only: Gatehouse has no use for groups. */
    @Override
    public Set<ValidationType> validationTypes() {
        return EnumSet.of(ValidationType.VALIDATE);
    }
}
