package org.gatehouse.protocol.entity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Pattern;
import org.gatehouse.protocol.control.Digests;

/** Proof Key for Code Exchange (RFC 7636): the syntax of verifiers and challenges, and their comparison. */
public final class Pkce {

    public static final String S256 = "S256";
    public static final String PLAIN = "plain";

    /** §4.1 code-verifier and §4.2 code-challenge alike: 43*128unreserved. */
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9\\-._~]{43,128}");

    private Pkce() {
    }

    /** A well-formed code verifier or code challenge. */
    public static boolean isWellFormed(String value) {
        return VALUE.matcher(value).matches();
    }

    /** §4.6: whether the verifier, transformed by the method, is the challenge (compared in constant time). */
    public static boolean verifies(String verifier, String challenge, String method) {
        String derived = S256.equals(method)
                ? Base64.getUrlEncoder().withoutPadding().encodeToString(Digests.sha256(verifier))
                : verifier;
        return MessageDigest.isEqual(derived.getBytes(StandardCharsets.US_ASCII), challenge.getBytes(StandardCharsets.US_ASCII));
    }
}
