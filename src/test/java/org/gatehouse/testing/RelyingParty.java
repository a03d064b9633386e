package org.gatehouse.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The client applications' side of the browser: an HTTP listener on 127.0.0.1:18480 (where the IT configuration's
 * interactive clients redirect) that records every request it receives — method, path, query and, for
 * {@code response_mode=form_post}, the form body — and answers a small HTML page ({@code <h1 id="relying-party">}).
 * A fragment ({@code response_mode=fragment}) never reaches a server: read it from the browser's address.
 *
 * <p>A JUnit extension: {@code @RegisterExtension static final RelyingParty app = new RelyingParty();} listens for the
 * whole test class and forgets what it received before each test.
 */
public final class RelyingParty implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback, AutoCloseable {

    public static final int PORT = 18480;
    public static final String ORIGIN = "http://127.0.0.1:" + PORT;

    /** One request as the listener received it. Parameters keep their order; repeated names keep every value. */
    public record Request(String method, String path, String query, Map<String, List<String>> queryParameters,
                          String contentType, String body, Map<String, List<String>> formParameters) {

        /** The first value of a query or (form_post) form parameter, or null. */
        public String parameter(String name) {
            var values = queryParameters.containsKey(name) ? queryParameters.get(name) : formParameters.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        /** The query or form parameters, whichever the request carried. */
        public Map<String, List<String>> parameters() {
            return "POST".equals(method) ? formParameters : queryParameters;
        }

        public URI uri() {
            return URI.create(ORIGIN + path + (query == null ? "" : "?" + query));
        }
    }

    private final BlockingQueue<Request> received = new LinkedBlockingQueue<>();
    private final List<Request> history = Collections.synchronizedList(new ArrayList<>());
    private HttpServer server;

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        forget();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    public RelyingParty start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), PORT), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("the relying party cannot listen on 127.0.0.1:" + PORT, e);
        }
        server.createContext("/", this::handle);
        server.start();
        return this;
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Forgets every request received so far. */
    public void forget() {
        received.clear();
        history.clear();
    }

    /** Every request received since the last {@link #forget()}, oldest first. */
    public List<Request> requests() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    /** The next request not yet taken, waiting at most {@code timeout}; an AssertionError when none came. */
    public Request next(Duration timeout) {
        try {
            var request = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (request == null) {
                throw new AssertionError("no request reached the relying party within " + timeout);
            }
            return request;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    public Request next() {
        return next(Browser.WAIT);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            var uri = exchange.getRequestURI();
            if ("/favicon.ico".equals(uri.getPath())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, List<String>> form = contentType != null && contentType.startsWith("application/x-www-form-urlencoded")
                    ? parse(body) : Map.of();
            var request = new Request(exchange.getRequestMethod(), uri.getPath(), uri.getRawQuery(), parse(uri.getRawQuery()),
                    contentType, body, form);
            history.add(request);
            received.add(request);
            byte[] page = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Relying party</title></head>"
                    + "<body><h1 id=\"relying-party\">Relying party</h1><p id=\"path\">" + escape(uri.getPath()) + "</p></body></html>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
        }
    }

    /** {@code application/x-www-form-urlencoded} (also a raw query or fragment) into ordered name → values. */
    public static Map<String, List<String>> parse(String encoded) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return parameters;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
