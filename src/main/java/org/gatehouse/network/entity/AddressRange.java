package org.gatehouse.network.entity;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;

/** An IP address or a CIDR block ({@code 10.0.0.0/8}, {@code fd00::/8}), as a trusted proxy is configured. */
public record AddressRange(byte[] network, int prefixLength, String text) {

    /** The range {@code text} names, or empty when it is no IP literal (host names are never resolved). */
    public static Optional<AddressRange> parse(String text) {
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        var address = IpLiteral.parse(slash < 0 ? trimmed : trimmed.substring(0, slash));
        if (address.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes = address.get().getAddress();
        int prefix = bytes.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(trimmed.substring(slash + 1));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            if (prefix < 0 || prefix > bytes.length * 8) {
                return Optional.empty();
            }
        }
        return Optional.of(new AddressRange(masked(bytes, prefix), prefix, trimmed));
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == network.length && Arrays.equals(masked(bytes, prefixLength), network);
    }

    /** The first {@code prefix} bits of {@code bytes}, the rest zero. */
    static byte[] masked(byte[] bytes, int prefix) {
        byte[] result = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - i * 8));
            result[i] = (byte) (bytes[i] & (0xFF << (8 - bits)));
        }
        return result;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AddressRange range && range.prefixLength == prefixLength
                && Arrays.equals(range.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
        return text;
    }
}
