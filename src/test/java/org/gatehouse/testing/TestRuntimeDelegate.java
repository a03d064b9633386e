package org.gatehouse.testing;

import jakarta.ws.rs.SeBootstrap;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.GenericType;
import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.Variant;
import jakarta.ws.rs.ext.RuntimeDelegate;
import java.lang.annotation.Annotation;
import java.net.URI;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Just enough of a JAX-RS runtime for unit tests of code that builds {@link Response}s (the API jar has no
 * implementation): responses that keep their status, headers, cookies and entity. {@link #install()} it before
 * anything touches {@code Response} or {@code NewCookie}.
 */
public final class TestRuntimeDelegate extends RuntimeDelegate {

    public static synchronized void install() {
        RuntimeDelegate.setInstance(new TestRuntimeDelegate());
    }

    @Override
    public Response.ResponseBuilder createResponseBuilder() {
        return new Builder();
    }

    @Override
    public <T> HeaderDelegate<T> createHeaderDelegate(Class<T> type) {
        return null; // NewCookie and Cookie ask for theirs when loaded; the tests never format one
    }

    @Override
    public UriBuilder createUriBuilder() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Variant.VariantListBuilder createVariantListBuilder() {
        throw new UnsupportedOperationException();
    }

    @Override
    public <T> T createEndpoint(Application application, Class<T> endpointType) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Link.Builder createLinkBuilder() {
        throw new UnsupportedOperationException();
    }

    @Override
    public SeBootstrap.Configuration.Builder createConfigurationBuilder() {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<SeBootstrap.Instance> bootstrap(Application application, SeBootstrap.Configuration configuration) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<SeBootstrap.Instance> bootstrap(Class<? extends Application> clazz,
            SeBootstrap.Configuration configuration) {
        throw new UnsupportedOperationException();
    }

    @Override
    public EntityPart.Builder createEntityPartBuilder(String partName) {
        throw new UnsupportedOperationException();
    }

    private static final class Builder extends Response.ResponseBuilder {
        private int status = 200;
        private Object entity;
        private final MultivaluedMap<String, Object> headers = new MultivaluedHashMap<>();
        private final Map<String, NewCookie> cookies = new LinkedHashMap<>();

        @Override
        public Response build() {
            return new Recorded(status, entity, headers, cookies);
        }

        @Override
        public Response.ResponseBuilder clone() {
            var copy = new Builder();
            copy.status = status;
            copy.entity = entity;
            copy.headers.putAll(headers);
            copy.cookies.putAll(cookies);
            return copy;
        }

        @Override
        public Response.ResponseBuilder status(int status) {
            this.status = status;
            return this;
        }

        @Override
        public Response.ResponseBuilder status(int status, String reasonPhrase) {
            return status(status);
        }

        @Override
        public Response.ResponseBuilder entity(Object entity) {
            this.entity = entity;
            return this;
        }

        @Override
        public Response.ResponseBuilder entity(Object entity, Annotation[] annotations) {
            return entity(entity);
        }

        @Override
        public Response.ResponseBuilder allow(String... methods) {
            return header("Allow", String.join(",", methods));
        }

        @Override
        public Response.ResponseBuilder allow(Set<String> methods) {
            return header("Allow", String.join(",", methods));
        }

        @Override
        public Response.ResponseBuilder cacheControl(CacheControl cacheControl) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Response.ResponseBuilder encoding(String encoding) {
            return header("Content-Encoding", encoding);
        }

        @Override
        public Response.ResponseBuilder header(String name, Object value) {
            if (value == null) {
                headers.remove(name);
            } else {
                headers.add(name, value);
            }
            return this;
        }

        @Override
        public Response.ResponseBuilder replaceAll(MultivaluedMap<String, Object> replacement) {
            headers.clear();
            if (replacement != null) {
                headers.putAll(replacement);
            }
            return this;
        }

        @Override
        public Response.ResponseBuilder language(String language) {
            return header("Content-Language", language);
        }

        @Override
        public Response.ResponseBuilder language(Locale language) {
            return header("Content-Language", language == null ? null : language.toLanguageTag());
        }

        @Override
        public Response.ResponseBuilder type(MediaType type) {
            return header("Content-Type", type == null ? null : type.getType() + "/" + type.getSubtype());
        }

        @Override
        public Response.ResponseBuilder type(String type) {
            return header("Content-Type", type);
        }

        @Override
        public Response.ResponseBuilder variant(Variant variant) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Response.ResponseBuilder contentLocation(URI location) {
            return header("Content-Location", location);
        }

        @Override
        public Response.ResponseBuilder cookie(NewCookie... added) {
            if (added != null) {
                for (var cookie : added) {
                    cookies.put(cookie.getName(), cookie);
                }
            }
            return this;
        }

        @Override
        public Response.ResponseBuilder expires(Date expires) {
            return header("Expires", expires);
        }

        @Override
        public Response.ResponseBuilder lastModified(Date lastModified) {
            return header("Last-Modified", lastModified);
        }

        @Override
        public Response.ResponseBuilder location(URI location) {
            return header("Location", location);
        }

        @Override
        public Response.ResponseBuilder tag(EntityTag tag) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Response.ResponseBuilder tag(String tag) {
            return header("ETag", tag);
        }

        @Override
        public Response.ResponseBuilder variants(Variant... variants) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Response.ResponseBuilder variants(List<Variant> variants) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Response.ResponseBuilder links(Link... links) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Response.ResponseBuilder link(URI uri, String rel) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Response.ResponseBuilder link(String uri, String rel) {
            throw new UnsupportedOperationException();
        }
    }

    private static final class Recorded extends Response {
        private final int status;
        private final Object entity;
        private final MultivaluedMap<String, Object> headers;
        private final Map<String, NewCookie> cookies;

        Recorded(int status, Object entity, MultivaluedMap<String, Object> headers, Map<String, NewCookie> cookies) {
            this.status = status;
            this.entity = entity;
            this.headers = new MultivaluedHashMap<>(headers);
            this.cookies = Map.copyOf(cookies);
        }

        @Override
        public int getStatus() {
            return status;
        }

        @Override
        public StatusType getStatusInfo() {
            return Status.fromStatusCode(status);
        }

        @Override
        public Object getEntity() {
            return entity;
        }

        @Override
        public <T> T readEntity(Class<T> entityType) {
            return entityType.cast(entity);
        }

        @Override
        public <T> T readEntity(GenericType<T> entityType) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> T readEntity(Class<T> entityType, Annotation[] annotations) {
            return readEntity(entityType);
        }

        @Override
        public <T> T readEntity(GenericType<T> entityType, Annotation[] annotations) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean hasEntity() {
            return entity != null;
        }

        @Override
        public boolean bufferEntity() {
            return false;
        }

        @Override
        public void close() {
        }

        @Override
        public MediaType getMediaType() {
            throw new UnsupportedOperationException("use getHeaderString(\"Content-Type\")");
        }

        @Override
        public Locale getLanguage() {
            return null;
        }

        @Override
        public int getLength() {
            return -1;
        }

        @Override
        public Set<String> getAllowedMethods() {
            return Set.of();
        }

        @Override
        public Map<String, NewCookie> getCookies() {
            return cookies;
        }

        @Override
        public EntityTag getEntityTag() {
            return null;
        }

        @Override
        public Date getDate() {
            return null;
        }

        @Override
        public Date getLastModified() {
            return null;
        }

        @Override
        public URI getLocation() {
            return (URI) headers.getFirst("Location");
        }

        @Override
        public Set<Link> getLinks() {
            return Set.of();
        }

        @Override
        public boolean hasLink(String relation) {
            return false;
        }

        @Override
        public Link getLink(String relation) {
            return null;
        }

        @Override
        public Link.Builder getLinkBuilder(String relation) {
            return null;
        }

        @Override
        public MultivaluedMap<String, Object> getMetadata() {
            return headers;
        }

        @Override
        public MultivaluedMap<String, String> getStringHeaders() {
            var strings = new MultivaluedHashMap<String, String>();
            headers.forEach((name, values) -> values.forEach(value -> strings.add(name, String.valueOf(value))));
            return strings;
        }

        @Override
        public String getHeaderString(String name) {
            var values = headers.get(name);
            return values == null ? null : String.join(",", values.stream().map(String::valueOf).toList());
        }
    }
}
