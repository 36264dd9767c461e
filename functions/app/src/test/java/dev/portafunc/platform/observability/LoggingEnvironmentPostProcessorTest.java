package dev.portafunc.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.SpringApplication;
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
}
