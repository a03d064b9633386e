package org.gatehouse.network.entity;

import java.net.InetAddress;
import java.util.List;

/**
 * The addresses of the reverse proxies in front of Gatehouse ({@code gatehouse.trusted-proxies}): only their
 * {@code Forwarded} and {@code X-Forwarded-*} headers are believed. None by default, so that no caller can
 * claim another address by sending the header itself.
 */
public record TrustedProxies(List<AddressRange> ranges) {

    public static final TrustedProxies NONE = new TrustedProxies(List.of());

    public TrustedProxies {
        ranges = List.copyOf(ranges);
    }

    public boolean trusts(InetAddress address) {
        for (var range : ranges) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }
}
