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

    static final String AOT_ENABLED = "spring.aot.enabled";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!Lambda.isLambda(environment::getProperty)) {
            return;
        }
        // The application context Spring AOT generated at build time is the web application's (the image enables it
        // with -Dspring.aot.enabled=true); without a web server it cannot start ("No ServletContext set"), so on Lambda
        // the context is made at run time. Read by Spring's AotDetector only after this point, as the context is made.
        if (Boolean.parseBoolean(System.getProperty(AOT_ENABLED))) {
            System.setProperty(AOT_ENABLED, "false");
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
