package dev.portafunc.platform.cloudevents;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The CloudEvents a function answers a CloudEvent with.
 *
 * @param typePrefix the start of each reply's {@code type}: {@code <prefix>.search.results} for search results,
 *     {@code <prefix>.manipulate.digest} for a digest
 * @param source each reply's {@code source}; by default {@code urn:portafunc:function:} and the Knative service's name
 *     (or the deployment's function)
 */
@ConfigurationProperties("portafunc.cloudevents")
public record CloudEventsProperties(
        @DefaultValue("dev.portafunc") String typePrefix,
        @DefaultValue("urn:portafunc:function:portafunc") String source) {}
