package org.gatehouse.users.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id hashes (RFC 9106) in the PHC string format that libraries share ({@code $argon2id$v=19$m=…,t=…,p=…$salt$hash},
 * unpadded Base64), computed by Bouncy Castle. New hashes use OWASP's minimum parameters (19 MiB, 2 passes, 1 lane),
 * a 16-byte salt (RFC 9106 §3.1) and a 32-byte tag.
 */
final class Argon2idHashes {

    static final int MEMORY_KIB = 19 * 1024;
    static final int PASSES = 2;
    static final int LANES = 1;

    /** What a hash made now starts with: a hash with other parameters is not current. */
    static final String CURRENT_PREFIX = "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + PASSES + ",p=" + LANES + "$";

    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,2}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,88})\\$([A-Za-z0-9+/]{22,88})");

    /** Bounds on what a stored hash may ask for: a forged row must not make one check take a gigabyte. */
    private static final int MAX_MEMORY_KIB = 256 * 1024;
    private static final int MAX_PASSES = 10;
    private static final int MAX_LANES = 8;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();

    private Argon2idHashes() {
    }

    static boolean isArgon2id(String hash) {
        return hash.startsWith("$argon2id$");
    }

    static String hash(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] tag = tag(password, salt, MEMORY_KIB, PASSES, LANES, 32);
        return CURRENT_PREFIX + ENCODER.encodeToString(salt) + "$" + ENCODER.encodeToString(tag);
    }

    /** Whether the password is the hash's; false for a hash that is malformed or asks for more than the bounds. */
    static boolean verify(String password, String hash) {
        var parts = PHC.matcher(hash);
        if (!parts.matches()) {
            return false;
        }
        int memory = Integer.parseInt(parts.group(1));
        int passes = Integer.parseInt(parts.group(2));
        int lanes = Integer.parseInt(parts.group(3));
        if (memory > MAX_MEMORY_KIB || passes < 1 || passes > MAX_PASSES || lanes < 1 || lanes > MAX_LANES
                || memory < 8 * lanes) { // RFC 9106 §3.1: at least 8p KiB
            return false;
        }
        byte[] salt;
        byte[] expected;
        try {
            salt = Base64.getDecoder().decode(parts.group(4));
            expected = Base64.getDecoder().decode(parts.group(5));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(expected, tag(password, salt, memory, passes, lanes, expected.length));
    }

    private static byte[] tag(String password, byte[] salt, int memory, int passes, int lanes, int length) {
        var parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memory).withIterations(passes).withParallelism(lanes).withSalt(salt).build();
        var generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] tag = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), tag);
        return tag;
    }
}
