package dev.portafunc.platform.observability;

import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Turns tracing on at start-up when {@code portafunc.tracing.endpoint} is set: builds the OpenTelemetry SDK and adds
 * Micrometer Tracing's handlers to the observation registry, so that the HTTP server, the Lambda edge and every
 * provider call record spans, and {@code traceparent} goes with each call onwards. Decided when the application
 * starts, not when it is built, so the same image serves both ways.
 */
@Component
public class Tracing implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Tracing.class);

    private final AutoCloseable sdk;

    Tracing(TracingProperties properties, ObservationRegistry observations, ServiceName serviceName) {
        if (!properties.enabled()) {
            sdk = null;
            return;
        }
        // Only referenced here, so that none of the SDK's classes load while tracing is off.
        sdk = OpenTelemetryTracing.install(properties, serviceName.value(), observations);
        log.info(
                "Tracing on: {} of new traces to {} as {}",
                properties.samplingProbability(),
                properties.endpoint(),
                serviceName.value());
    }

    /** Whether spans are recorded. */
    public boolean enabled() {
        return sdk != null;
    }

    @Override
    public void destroy() throws Exception {
        if (sdk != null) {
            sdk.close(); // exports what is left
        }
    }
}
