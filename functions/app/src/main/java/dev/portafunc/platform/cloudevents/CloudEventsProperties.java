package dev.portafunc.platform.cloudevents;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The CloudEvents a function answers a CloudEvent with.
 *
 * @param typePrefix the start of each reply's {@code type}: {@code <prefix>.search.results} for search results,
 *     {@code <prefix>.manipulate.digest} for a digest
 * @param source each reply's {@code source}; by default {@code urn:portafunc:function:} and the Knative service's name
 *     (or the deployment's function)
 * @param duplicates how an event delivered again is answered
 */
@ConfigurationProperties("portafunc.cloudevents")
public record CloudEventsProperties(
        @DefaultValue("dev.portafunc") String typePrefix,
        @DefaultValue("urn:portafunc:function:portafunc") String source,
        @DefaultValue Duplicates duplicates) {

    /**
     * Knative Eventing delivers at least once: an event with the {@code source} and {@code id} of one answered within
     * the window gets the same reply again (the same reply {@code id}, status and body), and the function is not called
     * again. Only replies Eventing will not retry are remembered; in memory, per instance, so a restart (or another
     * instance) forgets them.
     *
     * @param window how long a reply is remembered; {@code 0} remembers none
     * @param maximumSize the most replies remembered at once, the oldest forgotten first
     */
    public record Duplicates(
            @DefaultValue("10m") Duration window,
            @DefaultValue("1000") int maximumSize) {

        public Duplicates {
            if (window.isNegative()) {
                throw new IllegalArgumentException(
                        "portafunc.cloudevents.duplicates.window must not be negative, was " + window);
            }
            if (maximumSize < 0) {
                throw new IllegalArgumentException(
                        "portafunc.cloudevents.duplicates.maximum-size must not be negative, was " + maximumSize);
            }
        }

        /** Whether any reply is remembered. */
        public boolean remembered() {
            return !window.isZero() && maximumSize > 0;
        }
    }
}
