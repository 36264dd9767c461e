package dev.portafunc.platform.function;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Functions declared by configuration rather than code.
 *
 * @param compositions named compositions: a name callers use, such as {@code searchManipulate}, and the Spring Cloud
 *     Function definition it stands for, such as {@code search|manipulate}; the name works wherever a function name
 *     does (routes, {@code spring.cloud.function.definition}, Lambda's handler)
 */
@ConfigurationProperties("portafunc.functions")
public record FunctionsProperties(Map<String, String> compositions) {

    public FunctionsProperties {
        compositions = compositions == null ? Map.of() : Map.copyOf(compositions);
    }
}
