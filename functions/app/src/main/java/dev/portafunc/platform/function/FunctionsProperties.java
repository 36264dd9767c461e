package dev.portafunc.platform.function;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which functions callers reach, and the functions declared by configuration rather than code.
 *
 * @param exposed the function names callers may invoke, on every transport; a team adding a function of its own lists
 *     it here. Every named composition is exposed too. Any other bean (such as the internal {@code relevance} step)
 *     answers 404.
 * @param compositions named compositions: a name callers use, such as {@code searchManipulate}, and the Spring Cloud
 *     Function definition it stands for, such as {@code search|manipulate}; the name works wherever a function name
 *     does (routes, {@code spring.cloud.function.definition}, Lambda's handler)
 * @param maxPathSteps how many exposed functions a caller may compose in a path ({@code /search|manipulate})
 */
@ConfigurationProperties("portafunc.functions")
public record FunctionsProperties(
        @DefaultValue({"search", "manipulate", "searchManipulate"})
        List<String> exposed,

        Map<String, String> compositions,
        @DefaultValue("3") int maxPathSteps) {

    public FunctionsProperties {
        exposed = exposed == null
                ? List.of()
                : exposed.stream().map(String::strip).toList();
        compositions = compositions == null ? Map.of() : Map.copyOf(compositions);
    }
}
