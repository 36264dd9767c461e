package dev.portafunc.search.brave;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The part of Brave's {@code WebSearchApiResponse} this provider reads: the web results and whether Brave has more.
 */
record BraveResponse(Query query, Web web) {

    record Query(
            String original,
            @JsonProperty("more_results_available") Boolean moreResultsAvailable) {}

    record Web(List<Result> results) {}

    /** {@code description} marks the query's terms with {@code <strong>}. */
    record Result(
            String title,
            String url,
            String description,
            @JsonProperty("meta_url") MetaUrl metaUrl) {}

    record MetaUrl(String hostname) {}
}
