package dev.portafunc.platform.function;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.cloud.function.context.FunctionRegistration;
import org.springframework.cloud.function.context.FunctionRegistry;

/**
 * The application's function catalog: Spring Cloud Function's own registry, with two additions.
 *
 * <ul>
 *   <li>Named compositions: {@code searchManipulate} is looked up as {@code search|manipulate}, which Spring Cloud
 *       Function composes itself.
 *   <li>Lookups are resolved once and kept: the registry's {@code lookup} scans the bean factory and takes a
 *       registry-wide lock on every call, which under load blocks request threads for tens of milliseconds. The
 *       registry already returns the same function instance for a definition each time, so keeping it changes nothing
 *       but the cost.
 * </ul>
 */
final class CompositionCatalog implements FunctionRegistry {

    private static final Pattern SEPARATOR = Pattern.compile("[|,]");

    private final FunctionRegistry registry;
    private final Map<String, String> compositions;
    private final Supplier<String> defaultDefinition;
    private final Map<Lookup, Object> resolved = new ConcurrentHashMap<>();

    CompositionCatalog(
            FunctionRegistry registry, Map<String, String> compositions, Supplier<String> defaultDefinition) {
        this.registry = registry;
        this.compositions = Map.copyOf(compositions);
        this.defaultDefinition = defaultDefinition;
    }

    private record Lookup(Class<?> type, String definition, List<String> acceptedOutputTypes) {}

    @Override
    @SuppressWarnings("unchecked")
    public <T> T lookup(Class<?> type, String definition, String... acceptedOutputTypes) {
        // Keyed by the definition as asked for: a request that finds its function pays for no expansion either.
        Lookup key = new Lookup(
                type,
                definition == null ? "" : definition,
                acceptedOutputTypes == null ? List.of() : Arrays.asList(acceptedOutputTypes));
        Object function = resolved.get(key);
        if (function == null) {
            function = registry.lookup(type, expand(definition), acceptedOutputTypes);
            if (function != null) {
                resolved.putIfAbsent(key, function);
            }
        }
        return (T) function;
    }

    /**
     * The definition with each composition name replaced by what it stands for, recursively; "" means the default. A
     * composition may name itself: within its own definition the name is the function bean, which is how a deployment
     * wraps a function ({@code manipulate: manipulate|relevance}).
     */
    String expand(String definition) {
        String requested = definition == null || definition.isBlank() ? defaultDefinition.get() : definition;
        if (requested == null || requested.isBlank()) {
            return "";
        }
        return expand(requested, Set.of());
    }

    private String expand(String definition, Set<String> expanding) {
        return SEPARATOR
                .splitAsStream(definition.strip())
                .map(String::strip)
                .map(name -> {
                    String composition = compositions.get(name);
                    if (composition == null || composition.isBlank() || expanding.contains(name)) {
                        return name;
                    }
                    Set<String> inner = new HashSet<>(expanding);
                    inner.add(name);
                    return expand(composition, inner);
                })
                .collect(Collectors.joining("|"));
    }

    Set<String> compositionNames() {
        return compositions.keySet();
    }

    @Override
    public Set<String> getNames(Class<?> type) {
        Set<String> names = new HashSet<>(registry.getNames(type));
        names.addAll(compositions.keySet());
        return names;
    }

    @Override
    public int size() {
        return registry.size();
    }

    @Override
    public <T> void register(FunctionRegistration<T> registration) {
        registry.register(registration);
        resolved.clear();
    }
}
