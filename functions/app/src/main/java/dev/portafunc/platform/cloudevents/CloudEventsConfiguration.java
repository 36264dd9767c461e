package dev.portafunc.platform.cloudevents;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** CloudEvents in and out, for the HTTP routes. */
@Configuration(proxyBeanMethods = false)
class CloudEventsConfiguration {

    @Bean
    CloudEvents cloudEvents(CloudEventsProperties properties, JsonMapper json, MeterRegistry meters) {
        return new CloudEvents(properties, json, meters);
    }
}
