package org.gatehouse.pages.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A deployment's own look, without rebuilding the WAR: a stylesheet loaded after Gatehouse's
 * ({@code gatehouse.ui.stylesheet}) and a logo ({@code gatehouse.ui.logo}), both files on the server.
 */
@ApplicationScoped
public class Branding {

    private static final Logger LOG = Logger.getLogger(Branding.class.getName());

    @Inject
    @ConfigProperty(name = "gatehouse.ui.stylesheet")
    Optional<String> stylesheet;

    @Inject
    @ConfigProperty(name = "gatehouse.ui.logo")
    Optional<String> logo;

    public Optional<Path> stylesheet() {
        return readable("gatehouse.ui.stylesheet", stylesheet);
    }

    public Optional<Path> logo() {
        return readable("gatehouse.ui.logo", logo);
    }

    private static Optional<Path> readable(String property, Optional<String> file) {
        if (file.isEmpty() || file.get().isBlank()) {
            return Optional.empty();
        }
        var path = Path.of(file.get());
        if (!Files.isReadable(path)) {
            LOG.warning(property + ": cannot read " + path + "; the pages use Gatehouse's own look");
            return Optional.empty();
        }
        return Optional.of(path);
    }
}
