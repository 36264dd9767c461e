package dev.portafunc.search;

import java.util.Optional;
import java.util.function.Function;

/** The {@code search} function: validates a request and runs it on the deployment's provider. */
public final class SearchFunction implements Function<SearchRequest, SearchResults>, SearchClient, AutoCloseable {

    private final SearchProvider provider;

    public SearchFunction(SearchProvider provider) {
        this.provider = provider;
    }

    @Override
    public SearchResults apply(SearchRequest request) {
        return search((request == null ? SearchRequest.of(null) : request).validated());
    }

    /** Closes the providers that hold resources, such as the local index. */
    @Override
    public void close() throws Exception {
        if (provider instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    /** Why no search can succeed as the deployment is configured, once its providers know; empty while one may. */
    public Optional<String> unusable() {
        return provider.unusable();
    }

    @Override
    public SearchResults search(SearchRequest request) {
        long started = System.nanoTime();
        SearchResults results = provider.search(request);
        return results.withSearchTimeMs((System.nanoTime() - started) / 1_000_000);
    }
}
