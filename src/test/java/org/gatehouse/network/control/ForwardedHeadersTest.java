package org.gatehouse.network.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.gatehouse.network.control.ForwardedHeaders.Headers;
import org.gatehouse.network.entity.AddressRange;
import org.gatehouse.network.entity.Forwarded;
import org.gatehouse.network.entity.IpLiteral;
import org.gatehouse.network.entity.TrustedProxies;
import org.junit.jupiter.api.Test;

class ForwardedHeadersTest {

    private static final TrustedProxies PROXIES = new TrustedProxies(List.of(range("10.0.0.0/8"), range("fd00::/8")));

    private static AddressRange range(String text) {
        return AddressRange.parse(text).orElseThrow();
    }

    private static InetAddress ip(String text) {
        return IpLiteral.parse(text).orElseThrow();
    }

    private static Forwarded xff(String peer, String... forwardedFor) {
        return ForwardedHeaders.read(ip(peer), new Headers(List.of(), List.of(forwardedFor), List.of(), List.of()), PROXIES);
    }

    private static Forwarded rfc7239(String peer, String... forwarded) {
        return ForwardedHeaders.read(ip(peer), new Headers(List.of(forwarded), List.of(), List.of(), List.of()), PROXIES);
    }

    private static String client(Forwarded forwarded) {
        return forwarded.client().toString();
    }

    @Test
    void headersFromAnUntrustedPeerAreIgnored() {
        assertEquals("203.0.113.7", client(xff("203.0.113.7", "198.51.100.1")));
        assertEquals("203.0.113.7", client(rfc7239("203.0.113.7", "for=198.51.100.1")));
    }

    @Test
    void withoutTrustedProxiesNothingIsBelievedEvenFromLoopback() {
        var forwarded = ForwardedHeaders.read(ip("127.0.0.1"),
                new Headers(List.of(), List.of("198.51.100.1"), List.of("https"), List.of("sso.example")), TrustedProxies.NONE);
        assertEquals(new Forwarded(forwarded.client(), Optional.empty(), Optional.empty()), forwarded);
        assertEquals("127.0.0.1", client(forwarded));
    }

    @Test
    void theClientIsTheFirstAddressFromTheRightThatIsNoTrustedProxy() { // RFC 7239 §5.2
        assertEquals("198.51.100.1", client(xff("10.0.0.1", "198.51.100.1")));
        assertEquals("198.51.100.1", client(xff("10.0.0.1", "198.51.100.1, 10.1.1.1")));
        assertEquals("198.51.100.1", client(xff("10.0.0.1", "198.51.100.1", "10.1.1.1")), "one value per header line");
    }

    @Test
    void whatTheClientWroteItselfIsIgnored() {
        // The client sent "X-Forwarded-For: 192.0.2.99" to pose as another address; the proxy appended the real one.
        assertEquals("198.51.100.1", client(xff("10.0.0.1", "192.0.2.99, 198.51.100.1")));
    }

    @Test
    void theRfc7239HeaderWinsAndItsQuotedIpv6NodesAndPortsAreRead() {
        var forwarded = ForwardedHeaders.read(ip("10.0.0.1"), new Headers(
                List.of("for=192.0.2.43, for=\"[2001:db8:cafe::17]:4711\";proto=https;host=sso.example"),
                List.of("203.0.113.1"), List.of("http"), List.of("other.example")), PROXIES);
        assertEquals("2001:db8:cafe:0:0:0:0:17", client(forwarded));
        assertEquals(Optional.of("https"), forwarded.proto());
        assertEquals(Optional.of("sso.example"), forwarded.host());
        assertEquals("192.0.2.43", client(rfc7239("10.0.0.1", "for=\"192.0.2.43:8080\"")));
    }

    @Test
    void anUnknownOrObfuscatedHopStopsTheWalkAtTheNearestKnownAddress() {
        assertEquals("10.2.2.2", client(rfc7239("10.0.0.1", "for=198.51.100.1, for=unknown, for=10.2.2.2")));
        assertEquals("10.0.0.1", client(rfc7239("10.0.0.1", "for=_hidden")));
        assertEquals("10.0.0.1", client(xff("10.0.0.1", "not-an-address")));
    }

    @Test
    void hostNamesAreNeverResolved() {
        assertEquals("10.0.0.1", client(xff("10.0.0.1", "localhost")));
        assertEquals("10.0.0.1", client(xff("10.0.0.1", "999.1.1.1")));
    }

    @Test
    void schemeAndHostAreTakenOnlyWhenWellFormed() {
        var forwarded = ForwardedHeaders.read(ip("10.0.0.1"),
                new Headers(List.of(), List.of(), List.of("HTTPS"), List.of("sso.example:8443")), PROXIES);
        assertEquals(Optional.of("https"), forwarded.proto());
        assertEquals(Optional.of("sso.example:8443"), forwarded.host());
        var hostile = ForwardedHeaders.read(ip("10.0.0.1"),
                new Headers(List.of(), List.of(), List.of("javascript"), List.of("evil.example/path?x")), PROXIES);
        assertEquals(Optional.empty(), hostile.proto());
        assertEquals(Optional.empty(), hostile.host());
    }

    @Test
    void aVeryLongChainIsNotWalkedToItsEnd() {
        var hops = new StringBuilder("198.51.100.1");
        for (int i = 0; i < 1000; i++) {
            hops.append(", 10.0.").append(i / 250).append('.').append(i % 250);
        }
        assertEquals("10.0.3.230", client(xff("10.0.0.1", hops.toString())), "stopped after 20 trusted hops");
    }
}
