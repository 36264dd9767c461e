package dev.portafunc.platform;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertyResolver;
import org.springframework.stereotype.Component;

/**
 * Which platform runs this instance, as its environment tells: Knative ({@code K_SERVICE}, {@code K_REVISION},
 * {@code K_CONFIGURATION}), AWS Lambda ({@code AWS_LAMBDA_FUNCTION_NAME}), OpenFaaS or plain HTTP. Logged once the
 * function is ready, so the platform's log collector records which revision said what.
 */
@Component
public class RuntimePlatform {

    private static final Logger log = LoggerFactory.getLogger(RuntimePlatform.class);

    private final String name;
    private final Map<String, String> attributes = new LinkedHashMap<>();

    RuntimePlatform(Environment environment) {
        name = detect(environment);
        switch (name) {
            case "knative" -> {
                for (String key : new String[] {"K_SERVICE", "K_REVISION", "K_CONFIGURATION"}) {
                    attributes.put(key, environment.getProperty(key, ""));
                }
            }
            case "lambda" -> {
                attributes.put("AWS_LAMBDA_FUNCTION_NAME", environment.getProperty("AWS_LAMBDA_FUNCTION_NAME"));
                attributes.put(
                        "AWS_LAMBDA_FUNCTION_VERSION", environment.getProperty("AWS_LAMBDA_FUNCTION_VERSION", ""));
            }
            case "openfaas" -> attributes.put("OPENFAAS_NAME", environment.getProperty("OPENFAAS_NAME"));
            default -> {}
        }
        attributes.put("function", environment.getProperty("spring.cloud.function.definition", ""));
    }

    /** The platform an environment belongs to: {@code knative}, {@code lambda}, {@code openfaas} or {@code http}. */
    public static String detect(PropertyResolver environment) {
        if (environment.containsProperty("K_SERVICE")) {
            return "knative";
        }
        if (environment.containsProperty("AWS_LAMBDA_FUNCTION_NAME")) {
            return "lambda";
        }
        if (environment.containsProperty("OPENFAAS_NAME")) {
            return "openfaas";
        }
        return "http";
    }

    /** {@code knative}, {@code openfaas}, {@code lambda} or {@code http}. */
    public String name() {
        return name;
    }

    public Map<String, String> attributes() {
        return Map.copyOf(attributes);
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        StringBuilder line = new StringBuilder("Ready on ").append(name);
        attributes.forEach(
                (key, value) -> line.append(' ').append(key).append('=').append(value));
        log.info(line.toString());
    }
}
