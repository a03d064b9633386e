package org.gatehouse.discovery.boundary;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import java.net.URI;
import java.net.URL;
import java.util.List;
import org.gatehouse.testing.GatehouseWar;
import org.gatehouse.testing.Http;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The discovery document (OIDC Discovery 1.0 §3), read by the Nimbus SDK as a relying party reads it. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DiscoveryIT {

    @Deployment(testable = false)
    static WebArchive gatehouse() {
        return GatehouseWar.atRoot();
    }

    @ArquillianResource
    URL base;

    /** What the conformance suite reads to decide what to test: advertised as it works, no more, no less. */
    @Test
    void advertisesTheClaimsParameterAcrAndTheScopeThatAsksForRefreshTokens() throws Exception {
        var response = Http.get(URI.create(base + ".well-known/openid-configuration"));
        var metadata = OIDCProviderMetadata.parse(response.body());
        assertAll(
                () -> assertTrue(metadata.supportsClaimsParam(), "OIDC Core §5.5"),
                () -> assertEquals(List.of("https://refeds.org/profile/sfa"),
                        metadata.getACRs().stream().map(Object::toString).toList()),
                () -> assertTrue(metadata.getScopes().contains("offline_access"), "refresh tokens are served"),
                () -> assertTrue(metadata.getGrantTypes().contains(GrantType.REFRESH_TOKEN)),
                () -> assertTrue(metadata.supportsRequestParam() && metadata.supportsRequestURIParam(),
                        "request objects by value, and by reference (switched on in the IT settings)"),
                () -> assertTrue(metadata.getScopes().containsAll(Scope.parse("openid profile email"))));
    }
}
