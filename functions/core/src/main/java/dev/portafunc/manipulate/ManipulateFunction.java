package dev.portafunc.manipulate;

import dev.portafunc.search.InvalidInputException;
import dev.portafunc.search.SearchClient;
import dev.portafunc.search.SearchRequest;
import dev.portafunc.search.SearchResults;
import java.util.function.Function;

/**
 * The {@code manipulate} function. Given results, it cleans, de-duplicates, highlights and scores them, in the
 * provider's order; given only a query, it first gets the results through its {@link SearchClient}. Ranking by
 * relevance is {@link RelevanceFunction}, composed after it ({@code manipulate|relevance}) unless a deployment keeps
 * the provider's order.
 */
public final class ManipulateFunction implements Function<SearchResults, Digest> {

    /** More items than any provider returns on a page: a larger list is not search results. */
    public static final int MAX_ITEMS = 100;

    private final Manipulator manipulator;
    private final SearchClient searchClient;

    public ManipulateFunction(Manipulator manipulator, SearchClient searchClient) {
        this.manipulator = manipulator;
        this.searchClient = searchClient;
    }

    @Override
    public Digest apply(SearchResults input) {
        SearchResults results = input == null ? SearchResults.queryOnly(null) : input;
        if (results.isQueryOnly()) {
            results = searchClient.search(SearchRequest.of(results.query()).validated());
        } else if (results.items().size() > MAX_ITEMS) {
            throw new InvalidInputException(
                    "items",
                    "items must hold at most " + MAX_ITEMS + " results, held "
                            + results.items().size());
        }
        return manipulator.digest(results);
    }
}
