package org.gatehouse.protocol.entity;

import static org.gatehouse.protocol.entity.ErrorCode.INVALID_REQUEST;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The parameters of an {@code application/x-www-form-urlencoded} request, in order and with repeats. */
public record Form(Map<String, List<String>> parameters) {

    /**
     * The parameter's value; RFC 6749 §3.1: "Parameters sent without a value MUST be treated as if they
     * were omitted from the request."
     */
    public Optional<String> value(String name) {
        var values = parameters.get(name);
        return values == null || values.isEmpty() || values.get(0).isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Every non-empty value of a parameter that may repeat, such as RFC 8707's {@code resource}. */
    public List<String> values(String name) {
        return parameters.getOrDefault(name, List.of()).stream().filter(v -> !v.isEmpty()).toList();
    }

    /** Names given more than once that may not be. */
    public Set<String> repeated(Parameters accepted) {
        return parameters.entrySet().stream()
                .filter(e -> e.getValue().size() > 1 && !accepted.mayRepeat(e.getKey()))
                .map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * This form, if no parameter is repeated that may not be (RFC 6749 §3.1) and none is longer than its
     * bound ({@link Parameters#maxLength}).
     */
    public Outcome<Form> checked(Parameters accepted) {
        var repeated = repeated(accepted);
        if (!repeated.isEmpty()) {
            return Outcome.failure(new OAuthError(INVALID_REQUEST, "parameters given more than once: " + String.join(", ", repeated)));
        }
        for (var parameter : parameters.entrySet()) {
            int max = accepted.maxLength(parameter.getKey());
            if (parameter.getValue().stream().anyMatch(v -> v.length() > max)) {
                return Outcome.failure(new OAuthError(INVALID_REQUEST, "a parameter is longer than " + max + " characters"));
            }
        }
        return Outcome.success(this);
    }

    /** This form {@code application/x-www-form-urlencoded}, spaces as {@code %20}: fit for a query string too. */
    public String encoded() {
        var out = new StringBuilder();
        parameters.forEach((name, values) -> values.forEach(value -> {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(encode(name)).append('=').append(encode(value));
        }));
        return out.toString();
    }

    /** This form without the named parameters. */
    public Form without(Set<String> names) {
        var kept = new LinkedHashMap<>(parameters);
        kept.keySet().removeAll(names);
        return new Form(kept);
    }

    /** This form with one parameter set to a single value. */
    public Form with(String name, String value) {
        var changed = new LinkedHashMap<>(parameters);
        changed.put(name, List.of(value));
        return new Form(changed);
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
