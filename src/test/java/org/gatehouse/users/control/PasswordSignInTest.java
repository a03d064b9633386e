package org.gatehouse.users.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.gatehouse.testing.MutableClock;
import org.gatehouse.users.entity.SignInResult;
import org.junit.jupiter.api.Test;

class PasswordSignInTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final PasswordSignIn signIn = new PasswordSignIn();
    private final List<String> askedFor = new ArrayList<>();
    private CredentialValidationResult valid = new CredentialValidationResult(null, new CallerPrincipal("Alice"), null, "1",
            Set.of());

    PasswordSignInTest() {
        signIn.throttle = new SignInThrottle();
        signIn.throttle.clock = clock;
        // As the platform's IdentityStoreHandler would answer for a store that knows alice/wonderland.
        signIn.identityStores = credential -> {
            var login = (UsernamePasswordCredential) credential;
            askedFor.add(login.getCaller());
            return login.getCaller().equalsIgnoreCase("alice") && login.getPasswordAsString().equals("wonderland")
                    ? valid : CredentialValidationResult.INVALID_RESULT;
        };
    }

    @Test
    void rightPasswordSignsInWithTheStoresUniqueIdAndName() {
        assertEquals(new SignInResult.SignedIn("1", "Alice"), signIn.attempt("ALICE", "wonderland", "10.0.0.1"));
    }

    @Test
    void storeWithoutUniqueIdGivesThePrincipalNameAsSubject() {
        valid = new CredentialValidationResult("uid=alice,ou=people");
        assertEquals(new SignInResult.SignedIn("uid=alice,ou=people", "uid=alice,ou=people"),
                signIn.attempt("alice", "wonderland", "10.0.0.1"));
    }

    @Test
    void wrongPasswordIsRejected() {
        assertEquals(new SignInResult.Rejected(), signIn.attempt("alice", "guess", "10.0.0.1"));
    }

    @Test
    void afterFiveFailuresTheAccountIsThrottledWithoutAskingTheStore() {
        for (int i = 0; i < 5; i++) {
            assertEquals(new SignInResult.Rejected(), signIn.attempt("Alice", "guess" + i, "10.0.0." + i));
        }
        askedFor.clear();
        assertEquals(new SignInResult.Throttled(Duration.ofSeconds(1)), signIn.attempt("alice", "wonderland", "10.0.0.9"));
        assertEquals(List.of(), askedFor, "the password is not checked while throttled");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(new SignInResult.SignedIn("1", "Alice"), signIn.attempt("alice", "wonderland", "10.0.0.9"));
        assertEquals(new SignInResult.Rejected(), signIn.attempt("alice", "guess", "10.0.0.9"), "the success reset the account");
    }

    @Test
    void emptyOrOverlongInputIsRejectedWithoutAskingAStore() {
        assertEquals(new SignInResult.Rejected(), signIn.attempt(null, "pw", "10.0.0.1"));
        assertEquals(new SignInResult.Rejected(), signIn.attempt(" ", "pw", "10.0.0.1"));
        assertEquals(new SignInResult.Rejected(), signIn.attempt("alice", "", "10.0.0.1"));
        assertEquals(new SignInResult.Rejected(), signIn.attempt("alice", null, "10.0.0.1"));
        assertEquals(new SignInResult.Rejected(), signIn.attempt("a".repeat(201), "pw", "10.0.0.1"));
        assertEquals(List.of(), askedFor);
    }

    @Test
    void unknownClientAddressThrottlesTheAccountOnly() {
        for (int i = 0; i < 5; i++) {
            signIn.attempt("alice", "guess", null);
        }
        assertEquals(new SignInResult.Throttled(Duration.ofSeconds(1)), signIn.attempt("alice", "wonderland", null));
    }

    @Test
    void whenEveryPasswordCheckIsTakenASignInIsAnsweredAtOnceWithoutOne() throws Exception {
        signIn.checks = new Semaphore(1);
        var checking = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var slowStore = signIn.identityStores;
        signIn.identityStores = credential -> {
            checking.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return slowStore.validate(credential);
        };
        var first = CompletableFuture.supplyAsync(() -> signIn.attempt("alice", "wonderland", "10.0.0.1"));
        assertTrue(checking.await(10, TimeUnit.SECONDS));
        askedFor.clear();
        assertEquals(new SignInResult.Busy(Duration.ofSeconds(1)), signIn.attempt("bob", "builder", "10.0.0.2"));
        release.countDown();
        assertEquals(new SignInResult.SignedIn("1", "Alice"), first.get(10, TimeUnit.SECONDS));
        assertEquals(List.of("alice"), askedFor, "the busy attempt asked no store");
        assertEquals(new SignInResult.Rejected(), signIn.attempt("bob", "builder", "10.0.0.2"), "checked once free");
        assertEquals(1, signIn.checks.availablePermits(), "every check gives its permit back");
    }
}
