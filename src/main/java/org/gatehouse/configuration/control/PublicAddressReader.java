package org.gatehouse.configuration.control;

import jakarta.json.spi.JsonProvider;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.gatehouse.appsettings.Problems;
import org.gatehouse.appsettings.SettingsNode;
import org.gatehouse.network.entity.AddressRange;
import org.gatehouse.network.entity.TrustedProxies;

/** Reads how Gatehouse is reached: its issuer, under which every endpoint is, and the proxies in front of it. */
final class PublicAddressReader {

    private static final JsonProvider JSON = JsonProvider.provider();

    private final Function<String, Optional<String>> properties;
    private final Problems problems;

    PublicAddressReader(Function<String, Optional<String>> properties, Problems problems) {
        this.properties = properties;
        this.problems = problems;
    }

    String issuer(SettingsNode node) {
        String issuer = node.asString();
        if (issuer == null || issuer.isBlank()) {
            return null; // derived from each request, as Duende does
        }
        try {
            var uri = new URI(issuer.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            // RFC 8414 §2 and OpenID Connect Discovery §3: a URL without query or fragment, under which the
            // endpoints are (https; http behind a TLS-terminating proxy is the deployer's choice, warned of).
            if (!uri.isAbsolute() || uri.getHost() == null || !scheme.matches("https?") || uri.getRawQuery() != null
                    || uri.getRawFragment() != null) {
                node.error("\"" + issuer + "\" must be an http(s) URL without query or fragment (RFC 8414 §2)");
            } else if (scheme.equals("http")) {
                node.warning("\"" + issuer + "\" is not https: RFC 8414 §2 and OpenID Connect require https");
            }
        } catch (URISyntaxException e) {
            node.error("\"" + issuer + "\" is not a URI: " + e.getReason());
        }
        return issuer.trim();
    }

    /** Addresses and CIDR blocks, from the file's list or the property's comma-separated value. */
    TrustedProxies trustedProxies(SettingsNode fileList) {
        var fromProperty = properties.apply(SettingsReader.TRUSTED_PROXIES);
        var node = fromProperty.map(value -> SettingsNode.root(JSON.createValue(value), SettingsReader.TRUSTED_PROXIES, problems))
                .orElse(fileList);
        var entries = fromProperty.map(value -> List.of(value.split(","))).orElseGet(() -> fileList.elements().stream()
                .map(SettingsNode::asString).filter(Objects::nonNull).toList());
        var ranges = new ArrayList<AddressRange>();
        for (String entry : entries) {
            if (!entry.isBlank()) {
                AddressRange.parse(entry).ifPresentOrElse(ranges::add, () -> node.error("\"" + entry.trim()
                        + "\" is not an IP address or CIDR block (host names are not resolved)"));
            }
        }
        return new TrustedProxies(ranges);
    }
}
