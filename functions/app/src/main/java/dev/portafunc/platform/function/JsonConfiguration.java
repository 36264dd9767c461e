package dev.portafunc.platform.function;

import org.springframework.cloud.function.json.JacksonMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.module.blackbird.BlackbirdModule;

/**
 * Jackson as portafunc uses it: the modules it needs, named (module discovery is off, so that Joda-Time's module, which
 * Spring Cloud Function brings, is not set up at every start), and Spring Cloud Function's mapper made from Spring
 * Boot's instead of by Spring Cloud Function, which would add that module again.
 */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

    /** Records are written through generated accessors instead of reflection (see jvm.options). */
    @Bean
    BlackbirdModule blackbirdModule() {
        return new BlackbirdModule();
    }

    /** Spring Cloud Function's mapper with the settings it gives its own, less Joda-Time. */
    @Bean
    JacksonMapper functionJsonMapper(JsonMapper json) {
        return new JacksonMapper(json.rebuild()
                .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, false)
                .configure(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION, false)
                .build());
    }
}
