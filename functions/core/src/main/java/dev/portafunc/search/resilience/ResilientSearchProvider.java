package dev.portafunc.search.resilience;

import dev.portafunc.search.SearchProvider;
import dev.portafunc.search.SearchRequest;
import dev.portafunc.search.SearchResults;
import java.util.Optional;

/** A search provider whose calls are guarded by {@link ResilientSearch}. */
public final class ResilientSearchProvider implements SearchProvider {

    private final SearchProvider provider;
    private final ResilientSearch guarded;

    public ResilientSearchProvider(SearchProvider provider, ResilienceSettings settings) {
        this.provider = provider;
        this.guarded = new ResilientSearch(provider.name(), provider::search, settings);
    }

    @Override
    public String name() {
        return provider.name();
    }

    @Override
    public SearchResults search(SearchRequest request) {
        return guarded.search(request);
    }

    /** The guarded provider's own answer: the guard adds no reason of its own to skip it. */
    @Override
    public Optional<String> unusable() {
        return provider.unusable();
    }

    public ResilientSearch guard() {
        return guarded;
    }
}
