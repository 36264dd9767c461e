package dev.portafunc.search;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A provider a deployment can choose with {@code portafunc.search.provider}: its name, what kind of upstream it calls,
 * and how to make it. Each provider's package declares its option; only the chosen ones are made, at start-up, so the
 * choice stays a runtime setting (also when the application context is generated ahead of time). What runs around a
 * provider (observation, and for an upstream behind the network the cache, retries, circuit breaker and spend limits)
 * is added by whoever hosts the functions, through {@link #decorated}: a provider's package only declares.
 *
 * @param name the value of {@code portafunc.search.provider} that selects it
 * @param target where it searches, for the log line that names the chain at start (a URL, an index), never a secret
 * @param upstream where its searches go, which decides how they are guarded
 * @param create makes the provider, failing with {@link InvalidSettingsException} when settings are missing
 */
public record SearchProviderOption(String name, String target, Upstream upstream, Supplier<SearchProvider> create) {

    /**
     * Where a provider's searches go.
     *
     * @param remote whether they cross the network (and so are worth caching, retrying and breaking)
     * @param paid whether each call costs money (and so is never made but for a caller)
     * @param callsPerSecond the provider's own limit on calls per second per instance; 0 for none
     * @param dailyQuota the provider's own budget of calls per day per instance; 0 for none
     * @param quotaZone the time zone whose midnight resets that budget
     */
    public record Upstream(boolean remote, boolean paid, int callsPerSecond, int dailyQuota, ZoneId quotaZone) {

        /** Searches answered in this process, such as the embedded index. */
        public static final Upstream IN_PROCESS = new Upstream(false, false, 0, 0, ZoneOffset.UTC);

        /** Searches sent to a service over the network, free of charge. */
        public static final Upstream REMOTE = new Upstream(true, false, 0, 0, ZoneOffset.UTC);

        /** Searches sent to a paid API, with portafunc's own limits on the calls each instance makes. */
        public static Upstream paid(int callsPerSecond, int dailyQuota, ZoneId quotaZone) {
            return new Upstream(true, true, callsPerSecond, dailyQuota, quotaZone);
        }
    }

    /** This option, with every provider it makes passed through {@code decoration}. */
    public SearchProviderOption decorated(UnaryOperator<SearchProvider> decoration) {
        Supplier<SearchProvider> plain = create;
        return new SearchProviderOption(name, target, upstream, () -> decoration.apply(plain.get()));
    }

    /** The option called {@code name}, or null. */
    public static SearchProviderOption named(String name, List<SearchProviderOption> options) {
        return options.stream()
                .filter(option -> option.name().equalsIgnoreCase(name))
                .findFirst()
                .orElse(null);
    }
}
