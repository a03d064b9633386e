package org.gatehouse.network.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientAddressTest {

    private static ClientAddress address(String text) {
        return new ClientAddress(IpLiteral.parse(text).orElseThrow());
    }

    @Test
    void ipv6AddressesCountByTheirSlash64() { // RFC 6177: a subscriber's smallest block
        assertEquals(address("2001:db8:1:2::1").throttleKey(), address("2001:db8:1:2:ffff:ffff:ffff:ffff").throttleKey());
        assertEquals("2001:db8:1:2:0:0:0:0/64", address("2001:db8:1:2::1").throttleKey());
        assertNotEquals(address("2001:db8:1:2::1").throttleKey(), address("2001:db8:1:3::1").throttleKey());
    }

    @Test
    void ipv4AddressesCountOneByOne() {
        assertEquals("192.0.2.1", address("192.0.2.1").throttleKey());
    }

    @Test
    void rangesContainTheirAddressesOnly() {
        var range = AddressRange.parse("10.1.0.0/16").orElseThrow();
        assertTrue(range.contains(IpLiteral.parse("10.1.255.3").orElseThrow()));
        assertFalse(range.contains(IpLiteral.parse("10.2.0.1").orElseThrow()));
        assertFalse(range.contains(IpLiteral.parse("2001:db8::1").orElseThrow()), "no IPv6 address is in an IPv4 range");
        assertTrue(range.contains(IpLiteral.parse("::ffff:10.1.0.9").orElseThrow()), "an IPv4-mapped address is IPv4");
        assertTrue(AddressRange.parse("::1").orElseThrow().contains(IpLiteral.parse("0:0:0:0:0:0:0:1").orElseThrow()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"proxy.internal", "10.0.0.0/33", "10.0.0.0/x", "256.0.0.1", "::1/129", ""})
    void aRangeIsAnIpLiteralWithAnOptionalPrefixLength(String text) {
        assertEquals(Optional.empty(), AddressRange.parse(text));
    }
}
