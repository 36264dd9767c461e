package dev.portafunc.search.local;

import dev.portafunc.search.SearchProvider;
import dev.portafunc.search.SearchRequest;
import dev.portafunc.search.SearchResults;

/** Searches the embedded {@link LocalIndex}: real, ranked results with no key and no network. */
public final class LocalSearchProvider implements SearchProvider, AutoCloseable {

    private final LocalIndex index;

    public LocalSearchProvider(LocalIndex index) {
        this.index = index;
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public SearchResults search(SearchRequest request) {
        return index.search(request, name());
    }

    @Override
    public void close() throws java.io.IOException {
        index.close();
    }
}
