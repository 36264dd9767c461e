package dev.portafunc.platform.function;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;

/**
 * The functions this application exposes: its own function beans and the named compositions of them. Edges ask here
 * which names a caller may invoke and get the function to invoke.
 */
public final class Functions {

    private static final Pattern SEPARATOR = Pattern.compile("[|,]");
    private static final String OWN_PACKAGE = "dev.portafunc.";

    private final FunctionCatalog catalog;
    private final Supplier<String> deployedName;
    private volatile Set<String> names;
    private volatile Map<String, String> namesByDefinition;

    Functions(FunctionCatalog catalog, Supplier<String> deployedName) {
        this.catalog = catalog;
        this.deployedName = deployedName;
    }

    /** The names callers may invoke, such as {@code search} or {@code searchManipulate}. */
    public Set<String> names() {
        Set<String> known = names;
        if (known == null) {
            known = new TreeSet<>();
            for (String name : catalog.getNames(null)) {
                FunctionInvocationWrapper function = catalog.lookup(name);
                if (function != null && (isOwn(function) || isComposition(name))) {
                    known.add(name);
                }
            }
            names = known = Set.copyOf(known);
        }
        return known;
    }

    /** Whether a definition (a name, or names joined by '|' or ',') uses only exposed functions. */
    public boolean isExposed(String definition) {
        if (definition == null || definition.isBlank()) {
            return false;
        }
        return SEPARATOR.splitAsStream(definition).allMatch(name -> names().contains(name.strip()));
    }

    /** The function for an exposed definition, or null. */
    public FunctionInvocationWrapper find(String definition) {
        return isExposed(definition) ? catalog.lookup(definition) : null;
    }

    /**
     * The exposed name a function was looked up by, such as {@code manipulate} for the function whose definition is
     * {@code manipulate|relevance}; its definition when no exposed name stands for it.
     */
    public String nameOf(FunctionInvocationWrapper function) {
        Map<String, String> byDefinition = namesByDefinition;
        if (byDefinition == null) {
            Map<String, String> known = new HashMap<>();
            for (String name : names()) {
                FunctionInvocationWrapper exposed = catalog.lookup(name);
                if (exposed != null) {
                    known.putIfAbsent(exposed.getFunctionDefinition(), name);
                }
            }
            namesByDefinition = byDefinition = Map.copyOf(known);
        }
        String definition = function.getFunctionDefinition();
        return byDefinition.getOrDefault(definition, definition);
    }

    /** The name of the deployment's own function, {@code spring.cloud.function.definition}. */
    public String deployedName() {
        return deployedName.get();
    }

    /** The deployment's own function, {@code spring.cloud.function.definition}. */
    public FunctionInvocationWrapper deployed() {
        return catalog.lookup("");
    }

    private boolean isOwn(FunctionInvocationWrapper function) {
        return function.getTarget().getClass().getName().startsWith(OWN_PACKAGE);
    }

    private boolean isComposition(String name) {
        return catalog instanceof CompositionCatalog compositions
                && compositions.compositionNames().contains(name);
    }
}
