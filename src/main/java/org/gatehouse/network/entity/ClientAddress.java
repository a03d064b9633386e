package org.gatehouse.network.entity;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Where a request came from, as far as trusted proxies say: the address that throttles count against.
 * IPv6 addresses count by their /64, the smallest block a subscriber is usually given (RFC 6177), so that a
 * client cannot step around a limit by walking through its own 2^64 addresses.
 */
public record ClientAddress(InetAddress address) {

    /** The key a per-address limit counts under. */
    public String throttleKey() {
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        try {
            return InetAddress.getByAddress(AddressRange.masked(address.getAddress(), 64)).getHostAddress() + "/64";
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // cannot happen: 16 bytes are an IPv6 address
        }
    }

    @Override
    public String toString() {
        return address.getHostAddress();
    }
}
