package io.kafkaarchiver.config;

/** A setting is missing or malformed: the message names the property and what it accepts. */
public final class SettingsException extends RuntimeException {

    public SettingsException(String property, String problem) {
        super(property + ": " + problem);
    }
}
