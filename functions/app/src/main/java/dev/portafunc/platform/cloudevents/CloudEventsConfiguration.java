package dev.portafunc.platform.cloudevents;

import dev.portafunc.manipulate.Digest;
import dev.portafunc.search.SearchResults;
import java.util.Map;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.cloud.function.cloudevent.CloudEventHeaderEnricher;
import org.springframework.cloud.function.core.FunctionInvocationHelper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.messaging.Message;

/**
 * CloudEvents in and out (Knative Eventing delivers them): a CloudEvent in, in binary or structured mode, is answered
 * with a new CloudEvent whose id is new and whose type and source are portafunc's own, never the incoming event's, so
 * a Trigger that matches the input does not match the reply.
 */
@Configuration(proxyBeanMethods = false)
class CloudEventsConfiguration {

    static final Map<String, String> TYPES = Map.of(
            SearchResults.class.getName(), "dev.portafunc.search.results",
            Digest.class.getName(), "dev.portafunc.manipulate.digest");

    @Bean
    CloudEventHeaderEnricher portafuncCloudEventAttributes(Environment environment) {
        String function = environment.getProperty(
                "K_SERVICE", environment.getProperty("spring.cloud.function.definition", "portafunc"));
        String source = "urn:portafunc:function:" + function;
        return builder -> {
            // Spring Cloud Function sets the result's class name as the type; map it to a stable event type.
            String type = builder.toHeadersMap().entrySet().stream()
                    .filter(e -> e.getKey().endsWith("type") && e.getValue() != null)
                    .map(e -> TYPES.get(e.getValue().toString()))
                    .filter(java.util.Objects::nonNull)
                    .findFirst()
                    .orElse("dev.portafunc.result");
            return builder.setType(type).setSource(source);
        };
    }

    @Bean
    static BeanPostProcessor contentTypeNormalizingHelper() {
        return new BeanPostProcessor() {
            @Override
            @SuppressWarnings("unchecked")
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof FunctionInvocationHelper<?> helper
                        && !(bean instanceof ContentTypeNormalizingHelper)) {
                    return new ContentTypeNormalizingHelper((FunctionInvocationHelper<Message<?>>) helper);
                }
                return bean;
            }
        };
    }
}
