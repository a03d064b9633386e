package org.gatehouse.network.control;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.gatehouse.network.entity.ClientAddress;
import org.gatehouse.network.entity.Forwarded;
import org.gatehouse.network.entity.IpLiteral;
import org.gatehouse.network.entity.TrustedProxies;

/**
 * Reads {@code Forwarded} (RFC 7239) or, without it, {@code X-Forwarded-For}, {@code -Proto} and {@code -Host},
 * believing only what trusted proxies wrote. Each proxy appends the address it received from, so the list is
 * walked from the right (RFC 7239 §5.2): while the address at hand is a trusted proxy, the next one to the left
 * is where the request came from. The first address that is no trusted proxy is the client; whatever lies to
 * its left was written by the client itself and is ignored.
 */
public final class ForwardedHeaders {

    /** More hops than any real chain of proxies: a header listing thousands is not walked. */
    private static final int MAX_HOPS = 20;

    private ForwardedHeaders() {
    }

    /** The values of each header, one element per header line, in the order they came. */
    public record Headers(List<String> forwarded, List<String> forwardedFor, List<String> forwardedProto,
            List<String> forwardedHost) {

        public static final Headers NONE = new Headers(List.of(), List.of(), List.of(), List.of());
    }

    public static Forwarded read(InetAddress peer, Headers headers, TrustedProxies trusted) {
        var unchanged = new Forwarded(new ClientAddress(peer), Optional.empty(), Optional.empty());
        if (trusted.isEmpty() || !trusted.trusts(peer)) {
            return unchanged;
        }
        var elements = elements(headers.forwarded());
        List<String> hops = new ArrayList<>();
        Optional<String> proto;
        Optional<String> host;
        if (!elements.isEmpty()) {
            elements.forEach(element -> hops.add(parameter(element, "for").orElse("unknown")));
            var nearest = elements.get(elements.size() - 1);
            proto = parameter(nearest, "proto");
            host = parameter(nearest, "host");
        } else {
            hops.addAll(values(headers.forwardedFor()));
            proto = last(values(headers.forwardedProto()));
            host = last(values(headers.forwardedHost()));
        }
        InetAddress client = peer;
        for (int i = hops.size() - 1, walked = 0; i >= 0 && walked < MAX_HOPS && trusted.trusts(client); i--, walked++) {
            var hop = address(hops.get(i));
            if (hop.isEmpty()) {
                break; // "unknown", an obfuscated name or garbage: the nearest known address is the best there is
            }
            client = hop.get();
        }
        return new Forwarded(new ClientAddress(client),
                proto.map(p -> p.toLowerCase(Locale.ROOT)).filter(p -> p.equals("http") || p.equals("https")),
                host.filter(ForwardedHeaders::isHost));
    }

    /** The comma-separated elements of every {@code Forwarded} line, each a list of {@code name=value} pairs. */
    private static List<String> elements(List<String> lines) {
        var elements = new ArrayList<String>();
        for (String line : lines) {
            for (String element : splitOutsideQuotes(line, ',')) {
                if (!element.isBlank()) {
                    elements.add(element.trim());
                }
            }
        }
        return elements;
    }

    private static Optional<String> parameter(String element, String name) {
        for (String pair : splitOutsideQuotes(element, ';')) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).trim().equalsIgnoreCase(name)) {
                String value = pair.substring(equals + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1).replace("\\\"", "\"");
                }
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    private static List<String> splitOutsideQuotes(String text, char separator) {
        var parts = new ArrayList<String>();
        var current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' && (i == 0 || text.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    private static List<String> values(List<String> lines) {
        var values = new ArrayList<String>();
        for (String line : lines) {
            for (String value : line.split(",")) {
                if (!value.isBlank()) {
                    values.add(value.trim());
                }
            }
        }
        return values;
    }

    private static Optional<String> last(List<String> values) {
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
    }

    /** A node: {@code 192.0.2.1}, {@code 192.0.2.1:4711}, {@code [2001:db8::1]}, {@code [2001:db8::1]:4711} or a bare IPv6 address. */
    private static Optional<InetAddress> address(String node) {
        String text = node.trim();
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            return close < 0 ? Optional.empty() : IpLiteral.parse(text.substring(1, close));
        }
        int colon = text.indexOf(':');
        if (colon > 0 && text.indexOf(':', colon + 1) < 0) {
            text = text.substring(0, colon); // IPv4 with a port
        }
        return IpLiteral.parse(text);
    }

    /** A host with an optional port, as RFC 7230 §5.4 allows in {@code Host}; nothing that could break a URL. */
    private static boolean isHost(String host) {
        return host.length() <= 255 && host.matches("[A-Za-z0-9.-]+(:\\d{1,5})?|\\[[0-9A-Fa-f:.]+\\](:\\d{1,5})?");
    }
}
