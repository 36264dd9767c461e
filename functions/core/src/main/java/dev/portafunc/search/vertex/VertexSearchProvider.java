package dev.portafunc.search.vertex;

import com.google.auth.oauth2.GoogleCredentials;
import dev.portafunc.search.InvalidInputException;
import dev.portafunc.search.JsonHttpClient;
import dev.portafunc.search.JsonHttpClient.ErrorResponse;
import dev.portafunc.search.ProviderException;
import dev.portafunc.search.ProviderException.Reason;
import dev.portafunc.search.SearchItem;
import dev.portafunc.search.SearchProvider;
import dev.portafunc.search.SearchRequest;
import dev.portafunc.search.SearchResults;
import dev.portafunc.text.TextCleaner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Searches a Vertex AI Search app or data store through the Discovery Engine API v1, Google's successor to the Custom
 * Search JSON API for searching chosen sites.
 *
 * <p>With an API key it calls {@code servingConfigs.searchLite}, the key in the {@code x-goog-api-key} header (never
 * in the URL); searchLite serves public website data stores only. Without one it calls {@code servingConfigs.search}
 * with an OAuth access token from Google credentials (Application Default Credentials unless given others). The key is
 * read for each call, so a rotated secret needs no restart.
 */
public final class VertexSearchProvider implements SearchProvider {

    /** Discovery Engine's global endpoint; a serving config in the {@code us} or {@code eu} location has its own. */
    public static final URI DEFAULT_ROOT_URL = URI.create("https://discoveryengine.googleapis.com");

    private static final String ID = "[A-Za-z0-9][A-Za-z0-9._-]*";

    /** A project id may be domain-scoped, as {@code example.com:project}. */
    private static final String PROJECT = "[A-Za-z0-9][A-Za-z0-9._:-]*";

    /** The three resource names {@code servingConfigs.search} takes, as in the discovery document's patterns. */
    private static final Pattern SERVING_CONFIG = Pattern.compile("projects/" + PROJECT + "/locations/" + ID
            + "(/collections/" + ID + "/engines/" + ID + "|/collections/" + ID + "/dataStores/" + ID + "|/dataStores/"
            + ID + ")/servingConfigs/" + ID);

    /** Google Cloud resets daily quotas at midnight Pacific Time. */
    public static final ZoneId QUOTA_ZONE = ZoneId.of("America/Los_Angeles");

    private static final int MAX_SNIPPET = 1_000;

    private final Supplier<String> apiKey;
    private final URI searchUri;
    private final URI searchLiteUri;
    private final JsonHttpClient http;
    private final AccessTokens tokens;
    private final Clock clock;

    /**
     * A provider that, without an API key, authorizes its calls with Application Default Credentials.
     *
     * @see #VertexSearchProvider(String, Supplier, URI, Duration, Duration, Supplier)
     */
    public VertexSearchProvider(
            String servingConfig, Supplier<String> apiKey, URI rootUrl, Duration connectTimeout, Duration readTimeout) {
        this(servingConfig, apiKey, rootUrl, connectTimeout, readTimeout, applicationDefaultCredentials());
    }

    /**
     * @param servingConfig the serving config's resource name, such as
     *     {@code projects/P/locations/global/collections/default_collection/engines/E/servingConfigs/default_search}
     * @param apiKey read for each call: a key searches with {@code searchLite}; null or blank searches with OAuth
     * @param rootUrl the API's root URL, {@link #DEFAULT_ROOT_URL} when null
     * @param credentials the Google credentials for the OAuth path, asked once, when a call first needs them
     */
    public VertexSearchProvider(
            String servingConfig,
            Supplier<String> apiKey,
            URI rootUrl,
            Duration connectTimeout,
            Duration readTimeout,
            Supplier<GoogleCredentials> credentials) {
        this(servingConfig, apiKey, rootUrl, connectTimeout, readTimeout, credentials, Clock.systemUTC());
    }

    VertexSearchProvider(
            String servingConfig,
            Supplier<String> apiKey,
            URI rootUrl,
            Duration connectTimeout,
            Duration readTimeout,
            Supplier<GoogleCredentials> credentials,
            Clock clock) {
        String config = validServingConfig(servingConfig);
        String root = (rootUrl == null ? DEFAULT_ROOT_URL : rootUrl).toString();
        String base = (root.endsWith("/") ? root : root + "/") + "v1/" + config;
        this.searchUri = URI.create(base + ":search");
        this.searchLiteUri = URI.create(base + ":searchLite");
        this.apiKey = apiKey == null ? () -> null : apiKey;
        this.http = new JsonHttpClient(name(), connectTimeout, readTimeout);
        this.tokens = new AccessTokens(name(), credentials);
        this.clock = clock;
    }

    /** Application Default Credentials, looked up when first asked ({@code GOOGLE_APPLICATION_CREDENTIALS}, ...). */
    public static Supplier<GoogleCredentials> applicationDefaultCredentials() {
        return () -> {
            try {
                return GoogleCredentials.getApplicationDefault();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    private static String validServingConfig(String servingConfig) {
        String config = servingConfig == null ? "" : servingConfig.strip();
        if (!SERVING_CONFIG.matcher(config).matches()) {
            throw new IllegalArgumentException("The vertex provider needs a serving config's resource name, such as"
                    + " projects/PROJECT/locations/global/collections/default_collection/engines/APP/servingConfigs/"
                    + "default_search (or .../dataStores/DATA_STORE/servingConfigs/...), was '" + config + "'");
        }
        return config;
    }

    @Override
    public String name() {
        return "vertex";
    }

    /** Empty while there is an API key or credentials may yet be found; the reason once neither can be had. */
    @Override
    public Optional<String> unusable() {
        return key().isPresent() ? Optional.empty() : tokens.missing();
    }

    private Optional<String> key() {
        String key = apiKey.get();
        return key == null || key.isBlank() ? Optional.empty() : Optional.of(key.strip());
    }

    @Override
    public SearchResults search(SearchRequest request) {
        if (request.site() != null) {
            throw new InvalidInputException(
                    "site",
                    "The vertex provider cannot restrict results to a site: its serving config's data stores decide"
                            + " which sites it searches");
        }
        Optional<String> key = key();
        URI uri = key.isPresent() ? searchLiteUri : searchUri;
        Map<String, String> headers = key.isPresent() ? Map.of("x-goog-api-key", key.get()) : tokens.headers(uri);
        VertexResponse response = http.post(
                uri,
                headers,
                VertexRequest.of(request),
                VertexResponse.class,
                error -> failure(error, key.isPresent()));
        return results(request, response);
    }

    private SearchResults results(SearchRequest request, VertexResponse response) {
        List<SearchItem> items = new ArrayList<>();
        if (response.results() != null) {
            for (VertexResponse.Result result : response.results()) {
                SearchItem item = item(result);
                if (item != null) {
                    items.add(item);
                }
            }
        }
        long seen = (long) request.start() - 1 + items.size();
        long total = Math.max(response.totalSize() == null ? 0 : response.totalSize(), seen);
        int next = request.start() + request.count();
        boolean more =
                response.nextPageToken() != null && !response.nextPageToken().isBlank();
        Integer nextStart = more && next <= SearchRequest.MAX_START ? next : null;
        return new SearchResults(request.query(), name(), total, null, items, nextStart);
    }

    private static SearchItem item(VertexResponse.Result result) {
        if (result == null
                || result.document() == null
                || result.document().derivedStructData() == null
                || result.document().derivedStructData().link() == null) {
            return null;
        }
        VertexResponse.DerivedStructData data = result.document().derivedStructData();
        String displayLink = data.displayLink() != null ? data.displayLink() : host(data.link());
        VertexResponse.Snippet snippet = snippet(data.snippets());
        if (snippet == null) {
            return new SearchItem(data.title(), data.link(), displayLink, null, null);
        }
        String html = snippet.htmlSnippet() != null ? snippet.htmlSnippet() : snippet.snippet();
        return new SearchItem(data.title(), data.link(), displayLink, TextCleaner.clean(html, MAX_SNIPPET), html);
    }

    /** The first snippet Vertex could make: a page with none has "No snippet is available for this page." */
    private static VertexResponse.Snippet snippet(List<VertexResponse.Snippet> snippets) {
        if (snippets == null) {
            return null;
        }
        for (VertexResponse.Snippet snippet : snippets) {
            boolean made = snippet != null
                    && !"NO_SNIPPET_AVAILABLE".equals(snippet.snippetStatus())
                    && (snippet.snippet() != null || snippet.htmlSnippet() != null);
            if (made) {
                return snippet;
            }
        }
        return null;
    }

    private static String host(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? null : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Maps Discovery Engine's errors as the google provider maps Custom Search's: a spent daily quota fails fast until
     * midnight Pacific Time, rate limits and outages are worth retrying later, and refusals name Google's status and
     * reason codes, never its message.
     */
    private ProviderException failure(ErrorResponse error, boolean lite) {
        GoogleApiError google = GoogleApiError.of(error.json());
        int status = error.status();
        boolean perDay = google.reasons().contains("dailyLimitExceeded")
                || google.message().toLowerCase(Locale.ROOT).contains("per day");
        if ((status == 429 || status == 403) && perDay) {
            return new ProviderException(
                    name(),
                    Reason.QUOTA_EXCEEDED,
                    "The daily quota of Vertex AI Search queries is spent",
                    untilQuotaReset(),
                    false);
        }
        return switch (status) {
            case 429 ->
                ProviderException.transientFailure(
                        name(),
                        Reason.UNAVAILABLE,
                        "Vertex AI Search is limiting the rate of queries" + google.codes(),
                        error.retryAfter());
            case 400 -> new ProviderException(name(), Reason.REJECTED, badRequest(google, lite));
            case 401 ->
                new ProviderException(
                        name(),
                        Reason.REJECTED,
                        "Vertex AI Search refused the credentials" + google.codes()
                                + ": check the API key or the service account");
            case 403 ->
                new ProviderException(
                        name(),
                        Reason.REJECTED,
                        "Vertex AI Search refused access" + google.codes()
                                + ": check that the Discovery Engine API is enabled and the caller may search the"
                                + " serving config");
            case 404 ->
                new ProviderException(
                        name(),
                        Reason.REJECTED,
                        "Vertex AI Search has no such serving config" + google.codes()
                                + ": check its project, location and app or data store");
            default -> http.failure(error);
        };
    }

    private static String badRequest(GoogleApiError google, boolean lite) {
        if (lite && google.status().equals("FAILED_PRECONDITION")) {
            return "Vertex AI Search's searchLite serves public website data stores only" + google.codes()
                    + ": leave the API key empty to search with OAuth";
        }
        if (google.reasons().contains("API_KEY_INVALID")) {
            return "Vertex AI Search rejected the API key" + google.codes();
        }
        return "Vertex AI Search rejected the query" + google.codes();
    }

    private Duration untilQuotaReset() {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(QUOTA_ZONE));
        ZonedDateTime midnight =
                LocalDate.now(clock.withZone(QUOTA_ZONE)).plusDays(1).atStartOfDay(QUOTA_ZONE);
        return Duration.between(now, midnight);
    }
}
