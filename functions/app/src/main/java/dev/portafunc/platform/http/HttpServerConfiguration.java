package dev.portafunc.platform.http;

import dev.portafunc.platform.cloudevents.CloudEvents;
import dev.portafunc.platform.edge.Edge;
import dev.portafunc.platform.observability.Tracing;
import dev.portafunc.platform.probes.Probes;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The HTTP server and its routes; it does not start where {@code portafunc.web.enabled} is off (AWS Lambda). */
@Configuration(proxyBeanMethods = false)
class HttpServerConfiguration {

    @Bean
    SmartLifecycle httpServer(
            ServerProperties server,
            WebProperties web,
            CorsProperties cors,
            CloudEvents cloudEvents,
            Edge edge,
            Probes probes,
            ObjectProvider<PrometheusMeterRegistry> metrics,
            ObjectProvider<ObservationRegistry> observations,
            Tracing tracing,
            JsonMapper json,
            ConfigurableApplicationContext context) {
        if (!web.enabled()) {
            return new Disabled();
        }
        Duration stopTimeout = context.getEnvironment()
                .getProperty("spring.lifecycle.timeout-per-shutdown-phase", Duration.class, Duration.ofSeconds(30));
        Routes routes = new Routes(
                edge,
                cloudEvents,
                new Cors(cors),
                probes,
                metrics::getIfAvailable,
                new HttpObservation(observations.getIfAvailable(() -> ObservationRegistry.NOOP), tracing));
        return new HttpServer(server, web, routes, new ErrorResponses(json), context, stopTimeout);
    }

    /** No server, where the platform hands the functions their events itself. */
    private static final class Disabled implements SmartLifecycle {
        private volatile boolean running;

        @Override
        public void start() {
            running = true;
        }

        @Override
        public void stop() {
            running = false;
        }

        @Override
        public boolean isRunning() {
            return running;
        }
    }
}
