package dev.portafunc.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.mock.env.MockEnvironment;

class LoggingEnvironmentPostProcessorTest {

    @ParameterizedTest
    @CsvSource({"none, ''", "NONE, ''", "ecs, ecs", "logstash, logstash", "'', ''"})
    void noneMeansPlainText(String asked, String format) {
        MockEnvironment environment =
                new MockEnvironment().withProperty(LoggingEnvironmentPostProcessor.CONSOLE_FORMAT, asked);

        new LoggingEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(LoggingEnvironmentPostProcessor.CONSOLE_FORMAT))
                .isEqualTo(format);
    }

    @ParameterizedTest
    @CsvSource({"searchManipulate", "search"})
    void everyLineSaysWhichFunction(String function) {
        MockEnvironment environment = new MockEnvironment().withProperty("spring.cloud.function.definition", function);

        new LoggingEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(LoggingEnvironmentPostProcessor.ADD + "function"))
                .isEqualTo(function);
        assertThat(environment.getProperty(LoggingEnvironmentPostProcessor.ADD + "platform"))
                .isEqualTo("http");
    }

    @ParameterizedTest
    @CsvSource({
        "HOSTNAME, portafunc-00001-deployment-7d9c8-x2x4q, , portafunc-00001-deployment-7d9c8-x2x4q",
        "AWS_LAMBDA_LOG_STREAM_NAME, 2026/11/27/[$LATEST]0123abcd, AWS_LAMBDA_FUNCTION_NAME, 2026/11/27/[$LATEST]0123abcd"
    })
    void eachLineNamesTheInstanceItCameFrom(String variable, String instance, String platformVariable, String node) {
        MockEnvironment environment = new MockEnvironment().withProperty(variable, instance);
        if (platformVariable != null) {
            environment.setProperty(platformVariable, "portafunc-search");
        }

        new LoggingEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(LoggingEnvironmentPostProcessor.NODE_NAME))
                .isEqualTo(node);
        assertThat(excluded(environment)).containsExactly("tags");
    }

    @Test
    void withoutAnInstanceNameThereIsNoEmptyNodeAndNoTags() {
        MockEnvironment environment = new MockEnvironment();

        new LoggingEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.containsProperty(LoggingEnvironmentPostProcessor.NODE_NAME))
                .isFalse();
        assertThat(excluded(environment)).containsExactly("tags", "service.node");
    }

    @Test
    void aNodeNameSetByTheUserIsKept() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("HOSTNAME", "pod-1")
                .withProperty(LoggingEnvironmentPostProcessor.NODE_NAME, "blue");

        new LoggingEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(LoggingEnvironmentPostProcessor.NODE_NAME))
                .isEqualTo("blue");
    }

    private static List<String> excluded(MockEnvironment environment) {
        return Binder.get(environment)
                .bind(LoggingEnvironmentPostProcessor.EXCLUDE, Bindable.listOf(String.class))
                .orElse(List.of());
    }
}
