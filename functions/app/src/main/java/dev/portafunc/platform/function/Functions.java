package dev.portafunc.platform.function;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;

/**
 * The functions callers reach: the exposed names ({@code portafunc.functions.exposed} and every named composition),
 * and compositions of them a caller writes in a path ({@code search|manipulate}) whose types fit together. Nothing else
 * in the catalog is reachable, so internal steps such as {@code relevance} answer 404 on every transport.
 *
 * <p>A definition is normalised (names trimmed, {@code ,} read as {@code |}) before it is looked up, and only
 * definitions that resolve are kept: what is kept is bounded by the exposed names and
 * {@code portafunc.functions.max-path-steps}, whatever callers send.
 */
public final class Functions {

    private static final Pattern SEPARATOR = Pattern.compile("[|,]");

    private final FunctionCatalog catalog;
    private final Set<String> exposed;
    private final int maxSteps;
    private final Supplier<String> deployedName;
    private final Map<String, Target> resolved = new ConcurrentHashMap<>();

    Functions(FunctionCatalog catalog, FunctionsProperties properties, Supplier<String> deployedName) {
        this.catalog = catalog;
        Set<String> names = new LinkedHashSet<>(properties.exposed());
        names.addAll(properties.compositions().keySet());
        // What the deployment serves at / is its operator's choice, exposed or not.
        for (String step : SEPARATOR.split(deployedName.get(), -1)) {
            if (!step.isBlank()) {
                names.add(step.strip());
            }
        }
        this.exposed = Collections.unmodifiableSet(names);
        this.maxSteps = Math.max(1, properties.maxPathSteps());
        this.deployedName = deployedName;
    }

    /**
     * A function callers may invoke.
     *
     * @param name the exposed name, or the normalised composition ({@code search|manipulate}): what metrics and logs
     *     call it
     * @param function the function, as Spring Cloud Function composes and invokes it
     */
    public record Target(String name, FunctionInvocationWrapper function) {

        public Class<?> inputType() {
            return function.getRawInputType();
        }

        public Class<?> outputType() {
            return function.getRawOutputType();
        }
    }

    /** The names callers may invoke, such as {@code search} or {@code searchManipulate}. */
    public Set<String> names() {
        return exposed;
    }

    /**
     * The function a caller's definition names, or null when it names anything but exposed functions, more than
     * {@code max-path-steps} of them, or functions whose types do not fit together.
     */
    public Target find(String definition) {
        if (definition == null || definition.isBlank() || definition.length() > 256) {
            return null;
        }
        List<String> steps = new ArrayList<>();
        for (String step : SEPARATOR.split(definition, -1)) {
            String name = step.strip();
            if (!exposed.contains(name)) {
                return null;
            }
            steps.add(name);
        }
        if (steps.size() > maxSteps) {
            return null;
        }
        String normalised = String.join("|", steps);
        Target target = resolved.get(normalised);
        if (target == null) {
            target = resolve(steps, normalised);
            if (target != null) {
                resolved.putIfAbsent(normalised, target);
            }
        }
        return target;
    }

    private Target resolve(List<String> steps, String normalised) {
        Class<?> output = null;
        for (String step : steps) {
            FunctionInvocationWrapper function = catalog.lookup(step);
            if (function == null || !function.isFunction()) {
                return null;
            }
            if (output != null && !function.getRawInputType().isAssignableFrom(output)) {
                return null; // search|search: results are not a request
            }
            output = function.getRawOutputType();
        }
        FunctionInvocationWrapper function = catalog.lookup(normalised);
        return function == null ? null : new Target(normalised, function);
    }

    /**
     * The exposed name a function was looked up by, such as {@code manipulate} for the function whose definition is
     * {@code manipulate|relevance}; its definition when no exposed name stands for it.
     */
    public String nameOf(FunctionInvocationWrapper function) {
        String definition = function.getFunctionDefinition();
        for (String name : exposed) {
            Target target = find(name);
            if (target != null && target.function().getFunctionDefinition().equals(definition)) {
                return name;
            }
        }
        return definition;
    }

    /** The deployment's own function, {@code spring.cloud.function.definition}, which {@code /} and Lambda serve. */
    public Target deployed() {
        return find(deployedName());
    }

    /** The name of the deployment's own function. */
    public String deployedName() {
        return deployedName.get();
    }
}
