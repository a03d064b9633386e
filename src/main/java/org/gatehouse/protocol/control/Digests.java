package org.gatehouse.protocol.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Message digests of the algorithms every JDK has (SHA-256, SHA-384, SHA-512), without checked exceptions. */
public final class Digests {

    private Digests() {
    }

    public static byte[] digest(String algorithm, byte[] input) {
        try {
            return MessageDigest.getInstance(algorithm).digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // the Java SE specification requires SHA-256, SHA-384 and SHA-512
        }
    }

    /** SHA-256 of the text's UTF-8 bytes (US-ASCII text has the same bytes). */
    public static byte[] sha256(String text) {
        return digest("SHA-256", text.getBytes(StandardCharsets.UTF_8));
    }
}
