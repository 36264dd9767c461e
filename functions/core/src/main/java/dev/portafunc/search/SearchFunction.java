package dev.portafunc.search;

import java.util.function.Function;

/** The {@code search} function: validates a request and runs it on the deployment's provider. */
public final class SearchFunction implements Function<SearchRequest, SearchResults>, SearchClient {

    private final SearchProvider provider;

    public SearchFunction(SearchProvider provider) {
        this.provider = provider;
    }

    @Override
    public SearchResults apply(SearchRequest request) {
        if (request == null) {
            throw new InvalidInputException("query", "query must not be empty");
        }
        return search(request.validated());
    }

    @Override
    public SearchResults search(SearchRequest request) {
        long started = System.nanoTime();
        SearchResults results = provider.search(request);
        return results.withSearchTimeMs((System.nanoTime() - started) / 1_000_000);
    }
}
