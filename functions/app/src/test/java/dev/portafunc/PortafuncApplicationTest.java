package dev.portafunc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.cloud.function.adapter.aws.CustomRuntimeInitializer;

class PortafuncApplicationTest {

    @Test
    void lambdaIsDecidedByPortafuncsInitializerAloneWhenStartedFromMain() {
        var initializers = PortafuncApplication.application().getInitializers();

        assertThat(initializers).noneMatch(CustomRuntimeInitializer.class::isInstance);
        assertThat(initializers)
                .anyMatch(initializer -> initializer
                        .getClass()
                        .getName()
                        .equals("dev.portafunc.platform.lambda.LambdaRuntimeInitializer"));
    }
}
