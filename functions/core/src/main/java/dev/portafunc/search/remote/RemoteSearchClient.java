package dev.portafunc.search.remote;

import dev.portafunc.search.JsonHttpClient;
import dev.portafunc.search.SearchProvider;
import dev.portafunc.search.SearchRequest;
import dev.portafunc.search.SearchResults;
import java.net.URI;
import java.time.Duration;

/**
 * Calls a {@code search} function deployed elsewhere: {@code POST} of a {@link SearchRequest} as JSON to a URL fixed
 * by configuration, answered by {@link SearchResults}.
 */
public final class RemoteSearchClient implements SearchProvider {

    private final URI url;
    private final JsonHttpClient http;

    public RemoteSearchClient(URI url, Duration connectTimeout, Duration readTimeout) {
        this.url = url;
        this.http = new JsonHttpClient("remote search", connectTimeout, readTimeout);
    }

    @Override
    public String name() {
        return "remote";
    }

    @Override
    public SearchResults search(SearchRequest request) {
        return http.post(url, request, SearchResults.class);
    }
}
