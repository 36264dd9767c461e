package dev.portafunc.search;

/**
 * A web search engine the {@code search} function can ask: the Custom Search JSON API, a SearXNG instance, or the
 * embedded local index. One is chosen per deployment.
 */
public interface SearchProvider {

    /** The name callers see in {@link SearchResults#provider()}, such as {@code google}. */
    String name();

    /**
     * Runs a validated request.
     *
     * @throws ProviderException when the provider does not give results
     */
    SearchResults search(SearchRequest request);
}
