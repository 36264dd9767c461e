package dev.portafunc.platform.lambda;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * On Lambda the functions are driven by Lambda's Runtime API, not by HTTP requests: no web server starts, and the
 * adapter's per-event logging (which carries the event, query text included) is kept out of INFO.
 */
class LambdaEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!Lambda.isLambda(environment::getProperty)) {
            return;
        }
        Map<String, Object> lambda = new HashMap<>();
        lambda.put("spring.main.web-application-type", "none");
        lambda.put("spring.cloud.function.web.export.enabled", "false");
        lambda.put("logging.level.org.springframework.cloud.function.adapter.aws", "warn");
        environment.getPropertySources().addFirst(new MapPropertySource("lambda", lambda));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
