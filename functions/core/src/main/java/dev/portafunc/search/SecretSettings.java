package dev.portafunc.search;

import java.util.function.Supplier;

/**
 * Where a provider reads a secret setting, such as its API key, each time it calls its upstream. By default that is the
 * value bound at start; a platform that can read a secret again (AWS Lambda's secret references, after a snapshot is
 * restored or once they are old) provides a bean of its own, and a rotated key then needs no restart.
 */
@FunctionalInterface
public interface SecretSettings {

    /** The value bound at start, for good. */
    SecretSettings BOUND = (setting, bound) -> () -> bound;

    /**
     * The current value of a setting.
     *
     * @param setting the setting's name, such as {@code portafunc.search.brave.api-key}
     * @param bound its value as bound at start (what to give while there is nothing newer), or null
     */
    Supplier<String> current(String setting, String bound);
}
