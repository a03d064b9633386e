package org.gatehouse.jar.control;

import static org.gatehouse.protocol.entity.ErrorCode.INVALID_REQUEST_URI;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.gatehouse.clients.entity.Client;
import org.gatehouse.protocol.entity.OAuthError;
import org.gatehouse.protocol.entity.Outcome;

/**
 * Fetches a request object by reference (RFC 9101 §5.2, OIDC Core §6.2) from one of the URIs the client registered
 * ({@code RequestUris}, compared exactly, as redirect URIs are): so Gatehouse never becomes a way to reach an address
 * the client did not name in advance (RFC 9101 §10.4.1). No redirect is followed, the fetch is bounded in time and
 * size, and the fragment, a cache key at most, is not sent.
 */
@ApplicationScoped
public class RequestObjectFetcher {

    private static final Logger LOG = Logger.getLogger(RequestObjectFetcher.class.getName());

    /** RFC 9101 §5.2.3, §10.2: the media type a strictly validated request_uri must answer with. */
    static final String MEDIA_TYPE = "application/oauth-authz-req+jwt";

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(CONNECT_TIMEOUT).build();

    /** @param strict Duende's {@code StrictJarValidation}: the answer must declare {@link #MEDIA_TYPE} */
    public Outcome<String> fetch(Client client, String requestUri, boolean strict) {
        if (!client.authorize().requestUris().contains(requestUri)) {
            return failure("the request_uri is not registered for this client");
        }
        URI target;
        try {
            var registered = new URI(requestUri);
            target = new URI(registered.getScheme(), registered.getRawSchemeSpecificPart(), null);
        } catch (URISyntaxException e) {
            return failure("the request_uri is not a valid URI");
        }
        var request = HttpRequest.newBuilder(target).timeout(TIMEOUT)
                .header("Accept", MEDIA_TYPE + ", application/jwt;q=0.9").GET().build();
        var body = new BoundedBody();
        HttpResponse.BodyHandler<Void> handler = answer -> answer.statusCode() == 200 && (!strict || answer.headers()
                .firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT).startsWith(MEDIA_TYPE))
                ? HttpResponse.BodySubscribers.ofByteArrayConsumer(body) : HttpResponse.BodySubscribers.discarding();
        // The whole exchange, body included, within TIMEOUT: a server dripping bytes cannot hold the request thread.
        var exchange = http.sendAsync(request, handler);
        HttpResponse<Void> response;
        try {
            response = exchange.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return failure("the request_uri took longer than " + TIMEOUT.toSeconds() + " s to answer");
        } catch (ExecutionException e) {
            LOG.info(() -> "client " + client.clientId() + ": request_uri " + target + " could not be fetched: " + e.getCause());
            return failure("the request_uri could not be fetched");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failure("the request_uri could not be fetched");
        }
        if (response.statusCode() != 200) {
            return failure("the request_uri answered " + response.statusCode());
        }
        return body.text().map(Outcome::success).orElseGet(() -> failure(strict && body.isEmpty()
                ? "the request_uri must answer with Content-Type " + MEDIA_TYPE
                : "the request_uri's request object is longer than " + RequestObjects.MAX_LENGTH + " bytes"));
    }

    /** The body as it arrives, kept up to {@link RequestObjects#MAX_LENGTH} bytes; beyond that only noted. */
    private static final class BoundedBody implements Consumer<Optional<byte[]>> {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private boolean received;
        private boolean tooLong;

        @Override
        public synchronized void accept(Optional<byte[]> chunk) {
            received = true;
            chunk.ifPresent(part -> {
                if (bytes.size() + part.length > RequestObjects.MAX_LENGTH) {
                    tooLong = true;
                } else {
                    bytes.write(part, 0, part.length);
                }
            });
        }

        /** Whether no body was read: the answer was not one to read. */
        synchronized boolean isEmpty() {
            return !received;
        }

        synchronized Optional<String> text() {
            return received && !tooLong ? Optional.of(bytes.toString(StandardCharsets.US_ASCII).trim()) : Optional.empty();
        }
    }

    private static Outcome<String> failure(String description) {
        return Outcome.failure(new OAuthError(INVALID_REQUEST_URI, description));
    }
}
