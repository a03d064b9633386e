package org.gatehouse.appsettings;

/**
 * A configuration Gatehouse refuses to start with. The message names the source, the entry and the
 * field; a stack trace would add nothing for the administrator reading it, so none is captured.
 */
public class ConfigurationException extends RuntimeException {

    public ConfigurationException(String message) {
        super(message, null, false, false);
    }
}
