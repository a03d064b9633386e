package org.gatehouse.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser's part of interactive sign-in, over plain HTTP and without a browser: redirects are not
 * followed (each step is visible), and cookies are kept here, since Gatehouse's are {@code Secure} and
 * java.net's cookie handling would not send them over http. One instance is one browser: its cookies
 * are its session.
 *
 * <pre>
 * GET /connect/authorize → 302 /account/login?… → GET (hidden csrf and authorize, cookie gatehouse.csrf)
 * → POST /account/login → 303 /connect/authorize?… → 302 redirect URI (or /account/consent, then POST it)
 * </pre>
 */
public final class SignInFlow {

    public static final String SESSION_COOKIE = "__Host-gatehouse.session";

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final Pattern INPUT = Pattern.compile("<input\\s([^>]*)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([a-zA-Z-]+)(?:=\"([^\"]*)\")?");

    private final URI base;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    /** @param base Gatehouse's base URL, e.g. Arquillian's {@code @ArquillianResource URL} */
    public SignInFlow(URL base) {
        this.base = URI.create(base.toString().replaceAll("/+$", "") + "/");
    }

    // --- the whole flow -------------------------------------------------------------------------------

    /**
     * Sends the authorization request and, when Gatehouse asks, signs in and consents to everything asked
     * (remembered); returns the answer meant for the client: a redirect to its redirect URI, or the
     * form_post page. Anything else (an error page, a failed login) is returned as it is.
     */
    public HttpResponse<String> authorize(URI authorizationRequest, String username, String password) {
        var response = get(authorizationRequest);
        if (redirectsTo(response, "/account/login")) {
            var signedIn = login(get(location(response)), username, password);
            if (signedIn.statusCode() != 303) {
                return signedIn;
            }
            response = get(location(signedIn));
        }
        if (redirectsTo(response, "/account/consent")) {
            response = consent(get(location(response)), "allow", true);
        }
        return response;
    }

    /** Posts the login page's form (its csrf and authorize fields) with these credentials. */
    public HttpResponse<String> login(HttpResponse<String> loginPage, String username, String password) {
        var fields = hiddenInputs(loginPage.body());
        return post("account/login", List.of("csrf", first(fields, "csrf"), "authorize", first(fields, "authorize"),
                "username", username, "password", password, "button", "login"));
    }

    /** Posts the consent page's form: {@code decision} allow or deny, every scope it lists checked. */
    public HttpResponse<String> consent(HttpResponse<String> consentPage, String decision, boolean remember) {
        var fields = hiddenInputs(consentPage.body());
        var form = new ArrayList<>(List.of("csrf", first(fields, "csrf"), "authorize", first(fields, "authorize"),
                "decision", decision));
        for (String scope : inputValues(consentPage.body(), "scope")) {
            form.addAll(List.of("scope", scope));
        }
        if (remember) {
            form.addAll(List.of("remember", "true"));
        }
        return post("account/consent", form);
    }

    // --- HTTP with this browser's cookies ---------------------------------------------------------------

    /** GET of an absolute URI or a path relative to Gatehouse's base. */
    public HttpResponse<String> get(URI uri) {
        return send(HttpRequest.newBuilder(base.resolve(uri)).GET());
    }

    public HttpResponse<String> get(String pathOrUri) {
        return get(URI.create(pathOrUri));
    }

    /** POST of a form, given as name, value, name, value, … */
    public HttpResponse<String> post(String pathOrUri, List<String> nameValues) {
        var body = new StringBuilder();
        for (int i = 0; i < nameValues.size(); i += 2) {
            body.append(body.length() == 0 ? "" : "&").append(encode(nameValues.get(i))).append('=')
                    .append(encode(nameValues.get(i + 1)));
        }
        return send(HttpRequest.newBuilder(base.resolve(pathOrUri))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    public Optional<String> cookie(String name) {
        return Optional.ofNullable(cookies.get(name));
    }

    /** Sets a cookie as if the server had, e.g. to present an old session handle again. */
    public void setCookie(String name, String value) {
        cookies.put(name, value);
    }

    public boolean hasSession() {
        return cookies.containsKey(SESSION_COOKIE);
    }

    /** Sends {@code name: value} with every request from now on (as a proxy in front would add it). */
    public SignInFlow header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        headers.forEach(request::header);
        if (!cookies.isEmpty()) {
            var header = new StringBuilder();
            cookies.forEach((name, value) -> header.append(header.length() == 0 ? "" : "; ").append(name).append('=').append(value));
            request.header("Cookie", header.toString());
        }
        try {
            var response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            response.headers().allValues("Set-Cookie").forEach(this::remember);
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Keeps a cookie, or forgets it when the server expires it (Max-Age=0 or an empty value). */
    private void remember(String setCookie) {
        String[] parts = setCookie.split(";");
        int equals = parts[0].indexOf('=');
        String name = parts[0].substring(0, equals).trim();
        String value = parts[0].substring(equals + 1).trim();
        if (value.startsWith("\"") && value.endsWith("\"") && value.length() >= 2) {
            value = value.substring(1, value.length() - 1);
        }
        boolean expired = value.isEmpty();
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].trim().equalsIgnoreCase("Max-Age=0")) {
                expired = true;
            }
        }
        if (expired) {
            cookies.remove(name);
        } else {
            cookies.put(name, value);
        }
    }

    // --- reading responses ------------------------------------------------------------------------------

    /** The Location header, resolved against the base. */
    public URI location(HttpResponse<?> response) {
        return base.resolve(response.headers().firstValue("Location")
                .orElseThrow(() -> new AssertionError("no Location: " + response.statusCode() + " " + response.body())));
    }

    private boolean redirectsTo(HttpResponse<?> response, String path) {
        return (response.statusCode() == 302 || response.statusCode() == 303)
                && location(response).getPath().equals(base.getPath() + path.substring(1));
    }

    /** The hidden inputs of a page, by name, HTML-unescaped, repeats kept. */
    public static Map<String, List<String>> hiddenInputs(String html) {
        var fields = new LinkedHashMap<String, List<String>>();
        for (var input : inputs(html)) {
            if ("hidden".equals(input.get("type"))) {
                fields.computeIfAbsent(input.get("name"), n -> new ArrayList<>()).add(input.getOrDefault("value", ""));
            }
        }
        return fields;
    }

    /** The values of every input (hidden, checkbox, …) named {@code name}, without repeats. */
    public static List<String> inputValues(String html, String name) {
        return inputs(html).stream().filter(input -> name.equals(input.get("name")))
                .map(input -> input.getOrDefault("value", "")).distinct().toList();
    }

    /** The query or fragment parameters of a URI (first value of each), decoded. */
    public static Map<String, String> parameters(String rawQueryOrFragment) {
        var parameters = new LinkedHashMap<String, String>();
        if (rawQueryOrFragment == null || rawQueryOrFragment.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQueryOrFragment.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            parameters.putIfAbsent(name, value);
        }
        return parameters;
    }

    private static List<Map<String, String>> inputs(String html) {
        var inputs = new ArrayList<Map<String, String>>();
        Matcher input = INPUT.matcher(html);
        while (input.find()) {
            var attributes = new HashMap<String, String>();
            Matcher attribute = ATTRIBUTE.matcher(input.group(1));
            while (attribute.find()) {
                attributes.put(attribute.group(1), attribute.group(2) == null ? "" : unescape(attribute.group(2)));
            }
            inputs.add(attributes);
        }
        return inputs;
    }

    private static String first(Map<String, List<String>> fields, String name) {
        var values = fields.get(name);
        if (values == null || values.isEmpty()) {
            throw new AssertionError("the page has no hidden field " + name + ": " + fields.keySet());
        }
        return values.get(0);
    }

    public static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
