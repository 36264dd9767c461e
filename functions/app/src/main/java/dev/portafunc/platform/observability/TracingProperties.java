package dev.portafunc.platform.observability;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tracing with OpenTelemetry: off unless an OTLP endpoint is set, and then nothing of it is even loaded.
 *
 * @param endpoint where spans go, OTLP over HTTP, such as {@code http://otel-collector:4318/v1/traces}; by default
 *     the standard {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}; unset: no spans are recorded (the callers' trace ids
 *     still reach the logs and the calls onwards)
 * @param samplingProbability the share of new traces recorded; a caller's decision is kept
 * @param serviceName the name spans carry; by default {@code OTEL_SERVICE_NAME}, else the Knative service, the Lambda
 *     function or the OpenFaaS function, else {@code portafunc}
 * @param exportTimeout how long one export may take
 */
@ConfigurationProperties("portafunc.tracing")
public record TracingProperties(
        URI endpoint,
        @DefaultValue("1.0") double samplingProbability,
        String serviceName,
        @DefaultValue("10s") Duration exportTimeout) {

    public boolean enabled() {
        return endpoint != null && !endpoint.toString().isBlank();
    }
}
