package org.gatehouse.users.control;

import jakarta.enterprise.context.ApplicationScoped;
import org.gatehouse.users.entity.SignInResult;

/** Placeholder until the users branch lands. */
@ApplicationScoped
public class PasswordSignIn {
    public SignInResult attempt(String username, String password, String clientAddress) {
        return username.equals(password) ? new SignInResult.SignedIn(username.equals("alice") ? "1" : "2", username)
                : new SignInResult.Rejected();
    }
}
