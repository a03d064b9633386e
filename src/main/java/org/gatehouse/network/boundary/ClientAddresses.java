package org.gatehouse.network.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.util.Collections;
import java.util.List;
import org.gatehouse.network.control.ForwardedHeaders;
import org.gatehouse.network.entity.Forwarded;
import org.gatehouse.network.entity.IpLiteral;
import org.gatehouse.network.entity.TrustedProxies;

/** Where a servlet request really came from, behind the configured trusted proxies. */
@ApplicationScoped
public class ClientAddresses {

    @Inject
    TrustedProxies trusted;

    public Forwarded of(HttpServletRequest request) {
        // The container gives the peer as a literal; an unparsable one (never seen) counts as loopback.
        var peer = IpLiteral.parse(request.getRemoteAddr()).orElseGet(InetAddress::getLoopbackAddress);
        if (trusted.isEmpty()) {
            return ForwardedHeaders.read(peer, ForwardedHeaders.Headers.NONE, trusted);
        }
        return ForwardedHeaders.read(peer, new ForwardedHeaders.Headers(lines(request, "Forwarded"),
                lines(request, "X-Forwarded-For"), lines(request, "X-Forwarded-Proto"), lines(request, "X-Forwarded-Host")),
                trusted);
    }

    private static List<String> lines(HttpServletRequest request, String header) {
        var values = request.getHeaders(header);
        return values == null ? List.of() : Collections.list(values);
    }
}
