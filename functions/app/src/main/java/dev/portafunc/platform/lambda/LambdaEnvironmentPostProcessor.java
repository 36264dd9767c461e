package dev.portafunc.platform.lambda;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * On Lambda the functions are driven by Lambda's Runtime API, not by HTTP requests: no web server starts.
 */
class LambdaEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String AOT_ENABLED = "spring.aot.enabled";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!Lambda.isLambda(environment::getProperty)) {
            return;
        }
        // The context Spring AOT generated at build time (the image enables it with -Dspring.aot.enabled=true) makes
        // Spring Cloud Function's registry without the Lambda edge, which is registered as the context starts: the
        // adapter would then convert events and call the functions itself. On Lambda the context is made at run time.
        // Read by Spring's AotDetector only after this point, as the context is made.
        if (Boolean.parseBoolean(System.getProperty(AOT_ENABLED))) {
            System.setProperty(AOT_ENABLED, "false");
        }
        Map<String, Object> lambda = new HashMap<>();
        lambda.put("portafunc.web.enabled", "false");
        environment.getPropertySources().addFirst(new MapPropertySource("lambda", lambda));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
