package dev.portafunc.platform.observability;

import dev.portafunc.platform.RuntimePlatform;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * What every structured log line says about where it comes from, settled before logging starts: the deployment's
 * {@code function}, the {@code platform}, and on Knative the {@code revision} ({@code K_REVISION}). Per request, the
 * lines also carry the {@code traceId} (and {@code spanId} with tracing on) and, on Lambda, the {@code requestId}.
 */
class LoggingEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String ADD = "logging.structured.json.add.";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> fields = new HashMap<>();
        fields.put(ADD + "function", environment.getProperty("spring.cloud.function.definition", ""));
        fields.put(ADD + "platform", RuntimePlatform.detect(environment));
        String revision = environment.getProperty("K_REVISION");
        if (revision != null && !revision.isBlank()) {
            fields.put(ADD + "revision", revision);
        }
        environment.getPropertySources().addLast(new MapPropertySource("portafunc-logging", fields));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
