package org.gatehouse.configuration.entity;

import java.util.EnumSet;
import java.util.Set;

/** Which {@link Feature}s are on. */
public record Features(Set<Feature> enabled) {

    public static final Features ALL = new Features(EnumSet.allOf(Feature.class));

    public Features {
        enabled = Set.copyOf(enabled);
    }

    public boolean isOn(Feature feature) {
        return enabled.contains(feature);
    }

    /** Whether {@code path} is an endpoint of a feature that is off. */
    public boolean isSwitchedOff(String path) {
        for (var feature : Feature.values()) {
            if (!enabled.contains(feature) && feature.paths().contains(path)) {
                return true;
            }
        }
        return false;
    }
}
