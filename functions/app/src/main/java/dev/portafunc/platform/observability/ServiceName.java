package dev.portafunc.platform.observability;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** The name this deployment goes by in traces: the one it has on its platform. */
@Component
public class ServiceName {

    private final String value;

    ServiceName(TracingProperties tracing, Environment environment) {
        String name = tracing.serviceName();
        for (String variable : new String[] {"K_SERVICE", "AWS_LAMBDA_FUNCTION_NAME", "OPENFAAS_NAME"}) {
            if (name == null || name.isBlank()) {
                name = environment.getProperty(variable);
            }
        }
        this.value = name == null || name.isBlank() ? "portafunc" : name;
    }

    public String value() {
        return value;
    }
}
