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
    private final DeviceCookies deviceCookies = TestDeviceCookies.create();
    private final List<String> askedFor = new ArrayList<>();
    private CredentialValidationResult valid = new CredentialValidationResult(null, new CallerPrincipal("Alice"), null, "1",
            Set.of());

    PasswordSignInTest() {
        signIn.throttle = new SignInThrottle();
        signIn.throttle.clock = clock;
        signIn.deviceCookies = deviceCookies;
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
        assertEquals(new SignInResult.SignedIn("1", "Alice"), signIn.attempt("ALICE", "wonderland", "10.0.0.1", null, false));
    }

    @Test
    void storeWithoutUniqueIdGivesThePrincipalNameAsSubject() {
        valid = new CredentialValidationResult("uid=alice,ou=people");
        assertEquals(new SignInResult.SignedIn("uid=alice,ou=people", "uid=alice,ou=people"),
                signIn.attempt("alice", "wonderland", "10.0.0.1", null, false));
    }

    @Test
    void wrongPasswordIsRejected() {
        assertEquals(new SignInResult.Rejected(), signIn.attempt("alice", "guess", "10.0.0.1", null, false));
    }

    @Test
    void afterFiveFailuresTheAccountIsThrottledWithoutAskingTheStore() {
        for (int i = 0; i < 5; i++) {
            assertEquals(new SignInResult.Rejected(), signIn.attempt("Alice", "guess" + i, "10.0.0." + i, null, false));
        }
        askedFor.clear();
        assertEquals(new SignInResult.Throttled(Duration.ofSeconds(1)), signIn.attempt("alice", "wonderland", "10.0.0.9", null, false));
        assertEquals(List.of(), askedFor, "the password is not checked while throttled");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(new SignInResult.SignedIn("1", "Alice"), signIn.attempt("alice", "wonderland", "10.0.0.9", null, false));
        assertEquals(new SignInResult.Rejected(), signIn.attempt("alice", "guess", "10.0.0.9", null, false), "the success reset the account");
    }

    @Test
    void emptyOrOverlongInputIsRejectedWithoutAskingAStore() {
        assertEquals(new SignInResult.Rejected(), signIn.attempt(null, "pw", "10.0.0.1", null, false));
        assertEquals(new SignInResult.Rejected(), signIn.attempt(" ", "pw", "10.0.0.1", null, false));
        assertEquals(new SignInResult.Rejected(), signIn.attempt("alice", "", "10.0.0.1", null, false));
        assertEquals(new SignInResult.Rejected(), signIn.attempt("alice", null, "10.0.0.1", null, false));
        assertEquals(new SignInResult.Rejected(), signIn.attempt("a".repeat(201), "pw", "10.0.0.1", null, false));
        assertEquals(List.of(), askedFor);
    }

    @Test
    void unknownClientAddressThrottlesTheAccountOnly() {
        for (int i = 0; i < 5; i++) {
            signIn.attempt("alice", "guess", null, null, false);
        }
        assertEquals(new SignInResult.Throttled(Duration.ofSeconds(1)), signIn.attempt("alice", "wonderland", null, null, false));
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
        var first = CompletableFuture.supplyAsync(() -> signIn.attempt("alice", "wonderland", "10.0.0.1", null, false));
        assertTrue(checking.await(10, TimeUnit.SECONDS));
        askedFor.clear();
        assertEquals(new SignInResult.Busy(Duration.ofSeconds(1)), signIn.attempt("bob", "builder", "10.0.0.2", null, false));
        release.countDown();
        assertEquals(new SignInResult.SignedIn("1", "Alice"), first.get(10, TimeUnit.SECONDS));
        assertEquals(List.of("alice"), askedFor, "the busy attempt asked no store");
        assertEquals(new SignInResult.Rejected(), signIn.attempt("bob", "builder", "10.0.0.2", null, false), "checked once free");
        assertEquals(1, signIn.checks.availablePermits(), "every check gives its permit back");
    }

    @Test
    void aBrowserTheOwnerSignedInFromBeforeIsNotLockedOutBySomeoneElsesFailures() {
        String device = deviceCookies.issue("alice");
        for (int i = 0; i < 10; i++) {
            signIn.attempt("alice", "guess" + i, "203.0.113." + i, null, false); // an attacker who knows the username
        }
        assertEquals(SignInResult.Throttled.class, signIn.attempt("alice", "wonderland", "10.0.0.1", null, false).getClass(),
                "a browser without the cookie is throttled");
        assertEquals(new SignInResult.SignedIn("1", "Alice"), signIn.attempt("ALICE", "wonderland", "10.0.0.1", device, false),
                "the owner's browser is not");
    }

    @Test
    void aDeviceCookieVouchesOnlyForItsOwnAccountAndOnlyWithItsMac() {
        String bobs = deviceCookies.issue("bob");
        String forged = bobs.substring(0, bobs.indexOf('.')) + ".AAAA";
        for (int i = 0; i < 5; i++) {
            signIn.attempt("alice", "guess", "203.0.113.1", null, false);
        }
        assertEquals(SignInResult.Throttled.class, signIn.attempt("alice", "wonderland", "10.0.0.1", bobs, false).getClass());
        assertEquals(SignInResult.Throttled.class, signIn.attempt("alice", "wonderland", "10.0.0.1", forged, false).getClass());
        assertEquals(SignInResult.Throttled.class, signIn.attempt("alice", "wonderland", "10.0.0.1", "x".repeat(5000), false).getClass());
    }

    @Test
    void failuresWithADeviceCookieThrottleThatCookie() {
        String device = deviceCookies.issue("alice");
        for (int i = 0; i < 5; i++) {
            assertEquals(new SignInResult.Rejected(), signIn.attempt("alice", "guess" + i, "10.0.0.1", device, false));
        }
        askedFor.clear();
        assertEquals(new SignInResult.Throttled(Duration.ofSeconds(1)), signIn.attempt("alice", "wonderland", "10.0.0.1", device, false));
        assertEquals(List.of(), askedFor);
        assertEquals(new SignInResult.SignedIn("1", "Alice"), signIn.attempt("alice", "wonderland", "10.0.0.2", null, false),
                "the account itself was not locked by its owner's typos");
    }

    @Test
    void anAddressOverItsLimitIsSlowedDownNotRefusedAndOneAttemptAtATimeWaits() {
        for (int i = 0; i < 20; i++) {
            signIn.attempt("user" + i, "guess", "203.0.113.1", null, false); // a company's NAT, say
        }
        askedFor.clear();
        assertEquals(new SignInResult.SlowedDown(Duration.ofSeconds(1)), signIn.attempt("alice", "wonderland", "203.0.113.1",
                null, false), "the right password too must wait, unchecked");
        assertEquals(SignInResult.Throttled.class, signIn.attempt("bob", "builder", "203.0.113.1", null, false).getClass(),
                "while one attempt of the address waits, the others are refused");
        assertEquals(List.of(), askedFor);
        clock.advance(Duration.ofSeconds(1));
        assertEquals(new SignInResult.SignedIn("1", "Alice"), signIn.attempt("alice", "wonderland", "203.0.113.1", null, true),
                "once it has waited, it is checked");
        assertEquals(new SignInResult.Rejected(), signIn.attempt("bob", "builder", "203.0.113.1", null, false),
                "the slow-down has lapsed: checked at once; and this failure slows the address again");
        assertEquals(new SignInResult.SlowedDown(Duration.ofSeconds(2)), signIn.attempt("bob", "builder", "203.0.113.1", null,
                false), "the waited attempt released its hold: this one may wait");
    }
}
