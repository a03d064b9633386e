package org.gatehouse.appsettings;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Collects what is wrong with a configuration, so that an administrator sees every problem in one
 * message instead of fixing them one restart at a time.
 */
public final class Problems {

    private static final Logger LOG = Logger.getLogger(Problems.class.getName());

    private final List<String> errors = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    public void error(String location, String message) {
        errors.add(location + ": " + message);
    }

    public void warning(String location, String message) {
        warnings.add(location + ": " + message);
    }

    public int errorCount() {
        return errors.size();
    }

    public List<String> errors() {
        return List.copyOf(errors);
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** Logs the warnings, then fails with all errors at once if there are any. */
    public void logWarningsAndFailOnErrors() {
        warnings.forEach(w -> LOG.warning("Gatehouse configuration: " + w));
        failOnErrors();
    }

    public void failOnErrors() {
        if (!errors.isEmpty()) {
            throw new ConfigurationException("Invalid Gatehouse configuration ("
                    + errors.size() + (errors.size() == 1 ? " problem" : " problems") + "):\n  - "
                    + String.join("\n  - ", errors));
        }
    }
}
