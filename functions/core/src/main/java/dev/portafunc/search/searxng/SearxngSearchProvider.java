package dev.portafunc.search.searxng;

import dev.portafunc.search.JsonHttpClient;
import dev.portafunc.search.ProviderException;
import dev.portafunc.search.ProviderException.Reason;
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
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Searches a self-hosted SearXNG instance through its JSON API ({@code GET /search?q=..&format=json}). The instance
 * must have the {@code json} format enabled in its {@code settings.yml}: an instance without it answers 403, and this
 * provider is then {@linkplain #unusable() unusable} until a later call succeeds.
 *
 * <p>SearXNG pages results itself; this provider counts {@value #PAGE_SIZE} results to a SearXNG page. The engines it
 * reports unresponsive go to an optional listener; when they are all it has to show, the search fails as unavailable
 * rather than answering that nothing matched.
 */
public final class SearxngSearchProvider implements SearchProvider {

    static final int PAGE_SIZE = 10;

    static final String JSON_FORMAT_OFF =
            "SearXNG refuses its JSON API (HTTP 403): enable json under search.formats in settings.yml";

    private final URI searchUri;
    private final JsonHttpClient http;
    private final Consumer<List<String>> unresponsiveEngines;
    private volatile String unusable;

    public SearxngSearchProvider(URI baseUrl, Duration connectTimeout, Duration readTimeout) {
        this(baseUrl, connectTimeout, readTimeout, engines -> {});
    }

    /**
     * @param unresponsiveEngines told the names of the engines SearXNG reports unresponsive for a search, when there
     *     are any (for metrics); it must not throw
     */
    public SearxngSearchProvider(
            URI baseUrl, Duration connectTimeout, Duration readTimeout, Consumer<List<String>> unresponsiveEngines) {
        String base = baseUrl.toString();
        this.searchUri = URI.create(base.endsWith("/") ? base + "search" : base + "/search");
        this.http = new JsonHttpClient(name(), connectTimeout, readTimeout);
        this.unresponsiveEngines = unresponsiveEngines;
    }

    @Override
    public String name() {
        return "searxng";
    }

    /** Why SearXNG cannot answer, once it has refused its JSON API; empty again after a call succeeds. */
    @Override
    public Optional<String> unusable() {
        return Optional.ofNullable(unusable);
    }

    @Override
    public SearchResults search(SearchRequest request) {
        int page = (request.start() - 1) / PAGE_SIZE + 1;
        int offset = (request.start() - 1) % PAGE_SIZE;
        SearxngResponse response = http.get(uri(request, page), Map.of(), SearxngResponse.class, error -> {
            if (error.status() == 403) {
                // webapp.py answers 403 to a format missing from settings.yml's search.formats.
                unusable = JSON_FORMAT_OFF;
                return new ProviderException(name(), Reason.REJECTED, JSON_FORMAT_OFF);
            }
            return null;
        });
        unusable = null;
        List<SearxngResponse.Result> results = response.results() == null ? List.of() : response.results();
        List<String> unresponsive = response.unresponsiveEngineNames();
        if (!unresponsive.isEmpty()) {
            unresponsiveEngines.accept(unresponsive);
            if (results.isEmpty()) {
                throw ProviderException.transientFailure(
                        name(),
                        Reason.UNAVAILABLE,
                        "SearXNG found nothing because its engines did not answer (" + unresponsive.size()
                                + " unresponsive)",
                        null);
            }
        }
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
