package org.gatehouse.protocol.entity;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The parameters an endpoint (or a grant) knows, each with the longest value it accepts and whether it may
 * be given more than once. RFC 6749 §3.1-3.2: "Request and response parameters MUST NOT be included more than
 * once" (RFC 8707's {@code resource} may), and unknown ones are ignored, though bounded all the same.
 */
public final class Parameters {

    /** The bound on a parameter nobody declared. */
    static final int MAX_UNDECLARED = 4096;

    /** One parameter: its name, its longest value, whether it may repeat. */
    public record Parameter(String name, int maxLength, boolean mayRepeat) {
    }

    private final Map<String, Parameter> byName;

    private Parameters(Map<String, Parameter> byName) {
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }

    public static Parameter single(String name, int maxLength) {
        return new Parameter(name, maxLength, false);
    }

    public static Parameter repeatable(String name, int maxLength) {
        return new Parameter(name, maxLength, true);
    }

    public static Parameters of(Parameter... parameters) {
        var byName = new LinkedHashMap<String, Parameter>();
        Arrays.stream(parameters).forEach(parameter -> byName.put(parameter.name(), parameter));
        return new Parameters(byName);
    }

    /** These and {@code more}; where both name a parameter, {@code more}'s declaration counts. */
    public Parameters and(Parameters more) {
        var byName = new LinkedHashMap<>(this.byName);
        byName.putAll(more.byName);
        return new Parameters(byName);
    }

    public Set<String> names() {
        return byName.keySet();
    }

    public int maxLength(String name) {
        var parameter = byName.get(name);
        return parameter == null ? MAX_UNDECLARED : parameter.maxLength();
    }

    public boolean mayRepeat(String name) {
        var parameter = byName.get(name);
        return parameter != null && parameter.mayRepeat();
    }
}
