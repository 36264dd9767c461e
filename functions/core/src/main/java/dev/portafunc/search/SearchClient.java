package dev.portafunc.search;

/**
 * How {@code manipulate} gets results when it is given only a query: from the {@code search} function in the same
 * process, or from one deployed elsewhere and called over HTTP.
 */
@FunctionalInterface
public interface SearchClient {

    /**
     * Searches for a validated request.
     *
     * @throws ProviderException when no results could be had
     */
    SearchResults search(SearchRequest request);
}
