package dev.portafunc.search.searxng;

import dev.portafunc.search.JsonHttpClient;
import dev.portafunc.search.SearchItem;
import dev.portafunc.search.SearchProvider;
import dev.portafunc.search.SearchRequest;
import dev.portafunc.search.SearchResults;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Searches a self-hosted SearXNG instance through its JSON API ({@code GET /search?q=..&format=json}). The instance
 * must have the {@code json} format enabled in its {@code settings.yml}.
 *
 * <p>SearXNG pages results itself; this provider counts {@value #PAGE_SIZE} results to a SearXNG page.
 */
public final class SearxngSearchProvider implements SearchProvider {

    static final int PAGE_SIZE = 10;

    private final URI searchUri;
    private final JsonHttpClient http;

    public SearxngSearchProvider(URI baseUrl, Duration connectTimeout, Duration readTimeout) {
        String base = baseUrl.toString();
        this.searchUri = URI.create(base.endsWith("/") ? base + "search" : base + "/search");
        this.http = new JsonHttpClient(name(), connectTimeout, readTimeout);
    }

    @Override
    public String name() {
        return "searxng";
    }

    @Override
    public SearchResults search(SearchRequest request) {
        int page = (request.start() - 1) / PAGE_SIZE + 1;
        int offset = (request.start() - 1) % PAGE_SIZE;
        SearxngResponse response = http.get(uri(request, page), SearxngResponse.class);
        List<SearxngResponse.Result> results = response.results() == null ? List.of() : response.results();
        List<SearchItem> items = new ArrayList<>();
        for (int i = offset; i < results.size() && items.size() < request.count(); i++) {
            SearxngResponse.Result result = results.get(i);
            if (result != null && result.url() != null) {
                items.add(new SearchItem(result.title(), result.url(), host(result.url()), result.content(), null));
            }
        }
        long seen = (long) request.start() - 1 + items.size();
        long total = Math.max(response.numberOfResults() == null ? 0 : response.numberOfResults(), seen);
        int next = request.start() + request.count();
        Integer nextStart = results.size() >= PAGE_SIZE && next <= SearchRequest.MAX_START ? next : null;
        return new SearchResults(request.query(), name(), total, null, items, nextStart);
    }

    URI uri(SearchRequest request, int page) {
        String query = request.site() == null ? request.query() : request.query() + " site:" + request.site();
        StringBuilder uri = new StringBuilder(searchUri.toString())
                .append("?q=")
                .append(encode(query))
                .append("&format=json&pageno=")
                .append(page);
        if (request.language() != null) {
            uri.append("&language=").append(encode(request.language()));
        }
        if (request.safe() != null) {
            uri.append("&safesearch=").append(request.safe().equals("off") ? 0 : 2);
        }
        return URI.create(uri.toString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String host(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? null : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
