package dev.portafunc.search;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What the {@code search} function returns, and what {@code manipulate} takes.
 *
 * <p>Given to {@code manipulate} with {@code items} absent (only a {@code query}), it asks {@code manipulate} to fetch
 * the results itself; an empty {@code items} list means the search found nothing.
 *
 * @param query the query that was run
 * @param provider the name of the provider that answered, such as {@code local} or {@code google}
 * @param totalResults how many results the provider estimates there are in all
 * @param searchTimeMs how long the search took, in milliseconds
 * @param items the results on this page, in the provider's order
 * @param nextStart the {@code start} of the next page, absent on the last page
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchResults(
        String query,
        String provider,
        Long totalResults,
        Long searchTimeMs,
        List<SearchItem> items,
        Integer nextStart) {

    /** Results that carry only a query: {@code manipulate} fetches the items itself. */
    public static SearchResults queryOnly(String query) {
        return new SearchResults(query, null, null, null, null, null);
    }

    /** Whether these are only a query, with no results fetched yet. */
    @JsonIgnore
    public boolean isQueryOnly() {
        return items == null;
    }

    public SearchResults withSearchTimeMs(long millis) {
        return new SearchResults(query, provider, totalResults, millis, items, nextStart);
    }
}
