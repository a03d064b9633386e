package org.gatehouse.configuration.control;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.gatehouse.appsettings.SettingsNode;
import org.gatehouse.configuration.entity.Feature;
import org.gatehouse.configuration.entity.Features;

/**
 * Reads the feature switches. Each feature is as its MicroProfile property, else
 * {@code Gatehouse:Features:<Name>:Enabled}, else Duende's {@code IdentityServer:Endpoints:Enable…Endpoint} (for mutual
 * TLS {@code IdentityServer:MutualTls:Enabled}) says, else as its default. Duende's switches for the endpoints
 * Gatehouse always has cannot turn them off (an error, not a silent "on"); those for endpoints it does not have yet are
 * absent either way.
 */
final class FeatureReader {

    /** How a setting is looked up: its MicroProfile property if set, else the settings file's field. */
    @FunctionalInterface
    interface Setting {
        SettingsNode lookup(SettingsNode section, String name, String property);
    }

    /** Duende's EndpointsOptions for endpoints Gatehouse always serves. */
    private static final List<String> ALWAYS_ON_ENDPOINTS = List.of("EnableAuthorizeEndpoint", "EnableTokenEndpoint",
            "EnableDiscoveryEndpoint");

    /** Duende's EndpointsOptions for endpoints Gatehouse does not have yet (lower case). */
    private static final Set<String> ABSENT_ENDPOINTS = Set.of("enabledeviceauthorizationendpoint", "enablebackchannelauthenticationendpoint");

    private final Setting setting;

    FeatureReader(Setting setting) {
        this.setting = setting;
    }

    /**
     * @param duendeEndpoints Duende's {@code IdentityServer:Endpoints}
     * @param mutualTls       Duende's {@code IdentityServer:MutualTls}, whose {@code Enabled} switches mutual TLS
     * @param section         {@code Gatehouse:Features}
     */
    Features read(SettingsNode duendeEndpoints, SettingsNode mutualTls, SettingsNode section) {
        var knownSections = new HashSet<String>();
        var knownDuende = new HashSet<>(ABSENT_ENDPOINTS);
        var enabled = EnumSet.noneOf(Feature.class);
        for (var feature : Feature.values()) {
            knownSections.add(feature.settingsName().toLowerCase(Locale.ROOT));
            var own = section.field(feature.settingsName());
            own.warnAboutUnknownFields(Set.of("enabled"));
            var node = setting.lookup(own, "Enabled", feature.property());
            if (feature.duendeOption() != null) {
                knownDuende.add(feature.duendeOption().toLowerCase(Locale.ROOT));
            }
            if (!node.isPresent() && feature.duendeOption() != null) {
                node = duendeEndpoints.field(feature.duendeOption());
            }
            if (!node.isPresent() && feature == Feature.MUTUAL_TLS) {
                node = mutualTls.field("Enabled");
            }
            if (node.asBoolean(feature.onByDefault())) {
                enabled.add(feature);
            }
        }
        for (String option : ALWAYS_ON_ENDPOINTS) {
            knownDuende.add(option.toLowerCase(Locale.ROOT));
            var node = duendeEndpoints.field(option);
            if (!node.asBoolean(true)) {
                node.error("Gatehouse cannot switch this endpoint off");
            }
        }
        section.warnAboutUnknownFields(knownSections);
        duendeEndpoints.warnAboutUnknownFields(knownDuende);
        return new Features(enabled);
    }
}
