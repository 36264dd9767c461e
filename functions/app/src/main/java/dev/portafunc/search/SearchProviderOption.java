package dev.portafunc.search;

import java.util.function.Supplier;

/**
 * A provider a deployment can choose with {@code portafunc.search.provider}: its name, and how to make it. Options are
 * declared by each provider's package; only the chosen one is made, at start-up, so the choice stays a runtime setting
 * (also when the application context is generated ahead of time).
 *
 * @param name the value of {@code portafunc.search.provider} that selects it
 * @param create makes the provider, failing with a message naming the missing settings
 */
public record SearchProviderOption(String name, Supplier<SearchProvider> create) {}
