package org.gatehouse.network.boundary;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * {@code Date} on every answer: RFC 9110 §6.6.1 requires it of an origin server with a clock, Payara's listener does
 * not send it, and FAPI resource servers' clients check it (the OpenID conformance suite does). The value changes once
 * a second, so it is formatted once a second.
 */
@Provider
public class DateHeader implements ContainerResponseFilter {

    /** RFC 9110 §5.6.7's IMF-fixdate (Java's RFC_1123_DATE_TIME leaves out the day's leading zero). */
    private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'",
            Locale.US);

    private final Clock clock;
    private volatile Formatted current = new Formatted(Long.MIN_VALUE, "");

    public DateHeader() {
        this(Clock.systemUTC());
    }

    DateHeader(Clock clock) {
        this.clock = clock;
    }

    private record Formatted(long second, String value) {
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        response.getHeaders().putSingle("Date", now());
    }

    String now() {
        long second = clock.millis() / 1000;
        var formatted = current;
        if (formatted.second() != second) {
            formatted = new Formatted(second, IMF_FIXDATE.format(Instant.ofEpochSecond(second).atOffset(ZoneOffset.UTC)));
            current = formatted;
        }
        return formatted.value();
    }
}
