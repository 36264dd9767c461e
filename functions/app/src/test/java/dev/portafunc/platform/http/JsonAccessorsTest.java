package dev.portafunc.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.function.json.JacksonMapper;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.module.blackbird.BlackbirdModule;

/**
 * The image leaves core reflection to native accessors, which are slow to call (deploy/image/jvm.options); the JSON
 * that every transport reads and writes through the edge must not go through it, so the mappers have Blackbird's
 * generated accessors: Spring Boot's, and Spring Cloud Function's (the Lambda adapter's events).
 */
@SpringBootTest
class JsonAccessorsTest {

    @Autowired
    JsonMapper json;

    @Autowired
    org.springframework.cloud.function.json.JsonMapper functionJson;

    @Test
    void theApplicationsMapperReadsAndWritesRecordsThroughGeneratedAccessors() {
        assertThat(modules(json)).anyMatch(BlackbirdModule.class::isInstance);
    }

    @Test
    void springCloudFunctionsMapperIsTheApplicationsOwnWithItsModules() {
        ObjectMapper mapper = ((JacksonMapper) functionJson).getObjectMapper();

        assertThat(modules(mapper)).anyMatch(BlackbirdModule.class::isInstance);
    }

    /** Joda-Time's classes are too old for the AOT cache: setting its module up read and verified 90 at each start. */
    @Test
    void noMapperSetsUpJodaTime() {
        ObjectMapper function = ((JacksonMapper) functionJson).getObjectMapper();

        assertThat(modules(json))
                .noneMatch(module -> module.getClass().getName().contains("joda"));
        assertThat(modules(function))
                .noneMatch(module -> module.getClass().getName().contains("joda"));
    }

    private static List<JacksonModule> modules(ObjectMapper mapper) {
        return List.copyOf(mapper.registeredModules());
    }
}
