package dev.portafunc.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.function.json.JacksonMapper;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.module.blackbird.BlackbirdModule;

/**
 * The image leaves core reflection to native accessors, which are slow to call (deploy/image/jvm.options); the JSON
 * that the routes read and write must not go through it, so every mapper they use has Blackbird's generated accessors:
 * Spring Boot's, Spring MVC's and Spring Cloud Function's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JsonAccessorsTest {

    @Autowired
    JsonMapper json;

    @Autowired
    RequestMappingHandlerAdapter handlers;

    @Autowired
    org.springframework.cloud.function.json.JsonMapper functionJson;

    @Test
    void theApplicationsMapperReadsAndWritesRecordsThroughGeneratedAccessors() {
        assertThat(modules(json)).anyMatch(BlackbirdModule.class::isInstance);
    }

    @Test
    void theRoutesWriteJsonWithAMapperThatHasThem() {
        List<JacksonJsonHttpMessageConverter> converters = handlers.getMessageConverters().stream()
                .filter(JacksonJsonHttpMessageConverter.class::isInstance)
                .map(JacksonJsonHttpMessageConverter.class::cast)
                .toList();

        assertThat(converters).isNotEmpty();
        assertThat(converters)
                .allSatisfy(converter ->
                        assertThat(modules(converter.getMapper())).anyMatch(BlackbirdModule.class::isInstance));
    }

    @Test
    void springCloudFunctionsRoutesConvertWithAMapperThatHasThem() {
        // POST / (Knative, OpenFaaS) and the named routes: the function catalog converts their input and output
        assertThat(functionJson).isInstanceOf(JacksonMapper.class);
        assertThat(modules(((JacksonMapper) functionJson).getObjectMapper()))
                .anyMatch(BlackbirdModule.class::isInstance);
    }

    private static List<JacksonModule> modules(ObjectMapper mapper) {
        return List.copyOf(mapper.registeredModules());
    }
}
