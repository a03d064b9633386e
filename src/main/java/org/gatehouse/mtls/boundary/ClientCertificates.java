package org.gatehouse.mtls.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Optional;
import org.gatehouse.configuration.entity.Feature;
import org.gatehouse.configuration.entity.Features;
import org.gatehouse.mtls.control.CertificateHeader;
import org.gatehouse.mtls.entity.ClientCertificate;
import org.gatehouse.mtls.entity.MutualTlsOptions;
import org.gatehouse.network.entity.IpLiteral;
import org.gatehouse.network.entity.TrustedProxies;

/**
 * The TLS client certificate of a request (RFC 8705): from a trusted proxy, the one it forwards in the configured
 * header (never the proxy's own); from anyone else, the one the servlet container's TLS listener received. A header
 * from a caller that is no trusted proxy is ignored, so that nobody can claim a certificate by sending one.
 */
@ApplicationScoped
public class ClientCertificates {

    /** Jakarta Servlet 6.0 §3.9: the certificate chain of an HTTPS request, the client's own first. */
    static final String SERVLET_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";

    @Inject
    Features features;

    @Inject
    MutualTlsOptions options;

    @Inject
    TrustedProxies trusted;

    public Optional<ClientCertificate> of(HttpServletRequest request) {
        if (!features.isOn(Feature.MUTUAL_TLS)) {
            return Optional.empty();
        }
        if (options.certificateHeader() != null && fromTrustedProxy(request)) {
            var values = Collections.list(request.getHeaders(options.certificateHeader()));
            return values.size() == 1 ? CertificateHeader.parse(values.get(0)) : Optional.empty();
        }
        return request.getAttribute(SERVLET_ATTRIBUTE) instanceof X509Certificate[] chain && chain.length > 0
                ? Optional.of(new ClientCertificate(chain[0]))
                : Optional.empty();
    }

    private boolean fromTrustedProxy(HttpServletRequest request) {
        return !trusted.isEmpty() && IpLiteral.parse(request.getRemoteAddr()).map(trusted::trusts).orElse(false);
    }
}
