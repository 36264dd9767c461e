package dev.portafunc.search;

import java.util.Optional;

/**
 * A web search engine the {@code search} function can ask: the Custom Search JSON API, Vertex AI Search, the Brave
 * Search API, a SearXNG instance, or the embedded local index. One is chosen per deployment, or several in a chain.
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

    /**
     * Empty while this provider may answer; otherwise why it cannot, as configured, such as an API that has ended or
     * an instance that refuses its JSON API. A {@link FallbackSearchProvider} skips a provider that says so without
     * calling it. Asked before each search, so it is cheap and makes no call of its own.
     */
    default Optional<String> unusable() {
        return Optional.empty();
    }
}
