package org.gatehouse.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A TLS-terminating reverse proxy on 127.0.0.1, as nginx with {@code ssl_verify_client optional} is: it asks for a
 * client certificate, accepts those its trust store vouches for, and forwards each request over plain HTTP with the
 * certificate in RFC 9440's {@code Client-Cert} header, replacing any the client sent. One request per connection.
 */
public final class TlsHeaderProxy implements AutoCloseable {

    private final SSLServerSocket listener;
    private final int targetPort;

    private TlsHeaderProxy(SSLServerSocket listener, int targetPort) {
        this.listener = listener;
        this.targetPort = targetPort;
    }

    public static TlsHeaderProxy start(int port, int targetPort, TestCertificates.Issued server, List<X509Certificate> trusted) {
        try {
            var keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry("server", server.keys().getPrivate(), TestCertificates.PASSWORD,
                    new X509Certificate[] {server.certificate()});
            var keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore, TestCertificates.PASSWORD);
            var trustStore = KeyStore.getInstance("PKCS12");
            trustStore.load(null, null);
            for (int i = 0; i < trusted.size(); i++) {
                trustStore.setCertificateEntry("trusted-" + i, trusted.get(i));
            }
            var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore);
            var context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), new SecureRandom());
            var listener = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(port, 50,
                    InetAddress.getLoopbackAddress());
            listener.setWantClientAuth(true);
            var proxy = new TlsHeaderProxy(listener, targetPort);
            daemon(proxy::accept);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Thread daemon(Runnable work) {
        var thread = new Thread(work, "tls-header-proxy");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                var client = (SSLSocket) listener.accept();
                daemon(() -> forward(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void forward(SSLSocket client) {
        try (client; var backend = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
            var in = client.getInputStream();
            var head = readHead(in);
            var rewritten = new StringBuilder();
            for (String line : head.split("\r\n")) {
                String name = line.contains(":") ? line.substring(0, line.indexOf(':')).trim().toLowerCase(Locale.ROOT) : "";
                if (!name.equals("client-cert") && !name.equals("connection")) {
                    rewritten.append(line).append("\r\n");
                }
            }
            certificate(client).ifPresent(der -> rewritten.append("Client-Cert: :").append(der).append(":\r\n"));
            rewritten.append("Connection: close\r\n\r\n");
            OutputStream toBackend = backend.getOutputStream();
            toBackend.write(rewritten.toString().getBytes(StandardCharsets.ISO_8859_1));
            toBackend.flush();
            var upstream = daemon(() -> {
                try {
                    in.transferTo(toBackend);
                } catch (IOException e) {
                    // the exchange ended
                }
            });
            backend.getInputStream().transferTo(client.getOutputStream());
            upstream.interrupt();
        } catch (IOException e) {
            // a client that went away, or a handshake refused: nothing to forward
        }
    }

    private static java.util.Optional<String> certificate(SSLSocket client) {
        try {
            var chain = client.getSession().getPeerCertificates();
            return java.util.Optional.of(Base64.getEncoder().encodeToString(chain[0].getEncoded()));
        } catch (SSLPeerUnverifiedException e) {
            return java.util.Optional.empty();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request line and headers, without the blank line that ends them. */
    private static String readHead(InputStream in) throws IOException {
        var head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed before the request's head ended");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return text.substring(0, text.length() - 4);
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
