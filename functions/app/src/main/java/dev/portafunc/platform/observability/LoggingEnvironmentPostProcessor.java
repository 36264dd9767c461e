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
 *
 * <p>ECS's {@code service.node.name} tells one instance of the function from another: the pod's name on Kubernetes
 * (Knative, OpenFaaS: {@code HOSTNAME}), the execution environment's log stream on Lambda. Where there is none, the
 * member is left out rather than written as Spring Boot writes it, an empty {@code "node":{}}. The {@code tags} member
 * (SLF4J markers) is left out too: the only marker anything here sets is Commons Logging's {@code COMMONS-LOGGING},
 * which Spring's own lines would otherwise all carry and which says nothing about the event.
 *
 * <p>Plain text instead of JSON, while developing: {@code PORTAFUNC_LOG_FORMAT=none} (or
 * {@code --logging.structured.format.console=none}). Spring Boot knows no format named {@code none} and would fail to
 * start; unset is what it means by plain text, so {@code none} is made to mean unset.
 */
class LoggingEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String ADD = "logging.structured.json.add.";
    static final String CONSOLE_FORMAT = "logging.structured.format.console";
    static final String NODE_NAME = "logging.structured.ecs.service.node-name";
    static final String EXCLUDE = "logging.structured.json.exclude";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> fields = new HashMap<>();
        fields.put(ADD + "function", environment.getProperty("spring.cloud.function.definition", ""));
        String platform = RuntimePlatform.detect(environment);
        fields.put(ADD + "platform", platform);
        String revision = environment.getProperty("K_REVISION");
        if (revision != null && !revision.isBlank()) {
            fields.put(ADD + "revision", revision);
        }
        String node = nodeName(environment, platform);
        if (node != null) {
            fields.put(NODE_NAME, node);
        }
        fields.put(EXCLUDE + "[0]", "tags");
        if (node == null && !environment.containsProperty(NODE_NAME)) {
            fields.put(EXCLUDE + "[1]", "service.node");
        }
        environment.getPropertySources().addLast(new MapPropertySource("portafunc-logging", fields));
        if ("none".equalsIgnoreCase(environment.getProperty(CONSOLE_FORMAT, "").strip())) {
            environment
                    .getPropertySources()
                    .addFirst(new MapPropertySource("portafunc-plain-logs", Map.of(CONSOLE_FORMAT, "")));
        }
    }

    private static String nodeName(ConfigurableEnvironment environment, String platform) {
        String instance = "lambda".equals(platform)
                ? environment.getProperty("AWS_LAMBDA_LOG_STREAM_NAME")
                : environment.getProperty("HOSTNAME");
        return instance == null || instance.isBlank() ? null : instance;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
