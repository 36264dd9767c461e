package dev.portafunc.search.brave;

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
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Searches the whole web through the Brave Search API ({@code GET /res/v1/web/search}), with the subscription key in
 * the {@code X-Subscription-Token} header, read for each call so that a rotated secret needs no restart.
 *
 * <p>Brave pages by page index rather than by result: each request is mapped onto the one page that holds it
 * ({@link BravePage}). A per-second rate limit is worth retrying a moment later; a spent monthly quota waits for the
 * month's reset, as Brave's {@code X-RateLimit-*} headers tell.
 */
public final class BraveSearchProvider implements SearchProvider {

    public static final URI DEFAULT_ROOT_URL = URI.create("https://api.search.brave.com");

    /** Brave takes at most 400 characters and 50 words in a query. */
    static final int MAX_QUERY_LENGTH = 400;

    static final int MAX_QUERY_WORDS = 50;

    /** The {@code search_lang} values Brave's documentation lists. */
    static final Set<String> LANGUAGES = Set.of(
            "ar", "eu", "bn", "bg", "ca", "zh-hans", "zh-hant", "hr", "cs", "da", "nl", "en", "en-gb", "et", "fi", "fr",
            "gl", "de", "el", "gu", "he", "hi", "hu", "is", "it", "jp", "kn", "ko", "lv", "lt", "ms", "ml", "mr", "nb",
            "pl", "pt-br", "pt-pt", "pa", "ro", "ru", "sr", "sk", "sl", "es", "sv", "ta", "te", "th", "tr", "uk", "vi");

    /** Language codes Brave spells its own way. */
    private static final Map<String, String> LANGUAGE_ALIASES = Map.of(
            "ja", "jp",
            "zh", "zh-hans",
            "zh-cn", "zh-hans",
            "zh-sg", "zh-hans",
            "zh-tw", "zh-hant",
            "zh-hk", "zh-hant",
            "pt", "pt-pt",
            "no", "nb",
            "iw", "he");

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
    private static final Pattern WORDS = Pattern.compile("\\s+");
    private static final int MAX_SNIPPET = 1_000;

    private final Supplier<String> apiKey;
    private final URI searchUri;
    private final JsonHttpClient http;

    /**
     * @param apiKey the subscription token, read for each call
     * @param rootUrl the API's root URL, {@link #DEFAULT_ROOT_URL} when null
     */
    public BraveSearchProvider(Supplier<String> apiKey, URI rootUrl, Duration connectTimeout, Duration readTimeout) {
        String root = (rootUrl == null ? DEFAULT_ROOT_URL : rootUrl).toString();
        this.searchUri = URI.create((root.endsWith("/") ? root : root + "/") + "res/v1/web/search");
        this.apiKey = apiKey == null ? () -> null : apiKey;
        this.http = new JsonHttpClient(name(), connectTimeout, readTimeout);
    }

    @Override
    public String name() {
        return "brave";
    }

    /** Empty while there is a key to call Brave with. */
    @Override
    public Optional<String> unusable() {
        return key().isPresent() ? Optional.empty() : Optional.of("it has no API key (subscription token)");
    }

    private Optional<String> key() {
        String key = apiKey.get();
        return key == null || key.isBlank() ? Optional.empty() : Optional.of(key.strip());
    }

    @Override
    public SearchResults search(SearchRequest request) {
        String query = query(request);
        String language = language(request.language());
        String key = key().orElseThrow(
                        () -> new ProviderException(name(), Reason.REJECTED, "The brave provider has no API key"));
        BravePage page = BravePage.covering(request);
        BraveResponse response = http.get(
                uri(query, page, language, request.safe()),
                Map.of("X-Subscription-Token", key),
                BraveResponse.class,
                this::failure);
        List<BraveResponse.Result> results =
                response.web() == null || response.web().results() == null
                        ? List.of()
                        : response.web().results();
        List<SearchItem> items = new ArrayList<>();
        for (int i = page.skip(); i < results.size() && items.size() < request.count(); i++) {
            SearchItem item = item(results.get(i));
            if (item != null) {
                items.add(item);
            }
        }
        long seen = (long) request.start() - 1 + items.size();
        Boolean moreAvailable =
                response.query() == null ? null : response.query().moreResultsAvailable();
        boolean more = moreAvailable != null ? moreAvailable : results.size() >= page.count();
        int next = request.start() + request.count();
        Integer nextStart = more && items.size() == request.count() && next <= SearchRequest.MAX_START ? next : null;
        return new SearchResults(request.query(), name(), seen, null, items, nextStart);
    }

    /** The query, with a site restriction as Brave's {@code site:} operator, within Brave's limits. */
    private static String query(SearchRequest request) {
        String query = request.site() == null ? request.query() : request.query() + " site:" + request.site();
        if (query.length() > MAX_QUERY_LENGTH || WORDS.split(query.strip()).length > MAX_QUERY_WORDS) {
            throw new InvalidInputException(
                    "query",
                    "The brave provider takes queries of at most " + MAX_QUERY_LENGTH + " characters and "
                            + MAX_QUERY_WORDS + " words");
        }
        return query;
    }

    /** The request's language as Brave's {@code search_lang}, or null when the request sets none. */
    static String language(String language) {
        if (language == null) {
            return null;
        }
        String code = language.toLowerCase(Locale.ROOT);
        String primary = code.contains("-") ? code.substring(0, code.indexOf('-')) : code;
        for (String candidate : List.of(code, primary)) {
            String brave = LANGUAGE_ALIASES.getOrDefault(candidate, candidate);
            if (LANGUAGES.contains(brave)) {
                return brave;
            }
        }
        throw new InvalidInputException(
                "language", "The brave provider cannot restrict results to the language '" + language + "'");
    }

    URI uri(String query, BravePage page, String language, String safe) {
        StringBuilder uri = new StringBuilder(searchUri.toString())
                .append("?q=")
                .append(encode(query))
                .append("&count=")
                .append(page.count())
                .append("&offset=")
                .append(page.offset());
        if (language != null) {
            uri.append("&search_lang=").append(encode(language));
        }
        if (safe != null) {
            uri.append("&safesearch=").append(safe.equals("off") ? "off" : "strict");
        }
        return URI.create(uri.toString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static SearchItem item(BraveResponse.Result result) {
        if (result == null || result.url() == null) {
            return null;
        }
        String displayLink = result.metaUrl() != null && result.metaUrl().hostname() != null
                ? result.metaUrl().hostname()
                : host(result.url());
        String description = result.description();
        String snippet = description == null ? null : TextCleaner.clean(description, MAX_SNIPPET);
        return new SearchItem(result.title(), result.url(), displayLink, snippet, description);
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
     * Maps Brave's errors (its error envelope: {@code {"type":"ErrorResponse","error":{"code":..}}}): a bad or missing
     * key answers 401, 403 or a 422 with {@code SUBSCRIPTION_TOKEN_INVALID}; other 422s are invalid parameters; a 429
     * is a per-second rate limit or, with the month's quota spent, a quota to wait out.
     */
    private ProviderException failure(ErrorResponse error) {
        String code = code(error.json());
        String codes = code.isEmpty() ? "" : " (" + code + ")";
        if (code.equals("QUOTA_LIMITED")) {
            return quotaSpent(RateLimits.of(error.headers()), null);
        }
        return switch (error.status()) {
            case 429 -> tooManyRequests(error);
            case 401, 403 -> badKey(codes);
            case 422 ->
                code.equals("SUBSCRIPTION_TOKEN_INVALID")
                        ? badKey(codes)
                        : new ProviderException(
                                name(), Reason.REJECTED, "Brave rejected the query's parameters" + codes);
            default -> http.failure(error);
        };
    }

    private ProviderException badKey(String codes) {
        return new ProviderException(
                name(),
                Reason.REJECTED,
                "Brave refused the subscription token" + codes + ": check the API key and that its plan includes web"
                        + " search");
    }

    private ProviderException tooManyRequests(ErrorResponse error) {
        RateLimits limits = RateLimits.of(error.headers());
        Optional<RateLimits.Window> monthly = limits.monthly();
        if (monthly.isPresent() && limits.spent(monthly.get())) {
            return quotaSpent(limits, monthly.get());
        }
        for (RateLimits.Window window : limits.windows()) {
            if (limits.spent(window) && window.reset() != null && window.reset().compareTo(RateLimits.DAY) > 0) {
                return quotaSpent(limits, window);
            }
        }
        Duration wait = limits.perSecond()
                .map(RateLimits.Window::reset)
                .filter(reset -> reset.compareTo(RateLimits.DAY) <= 0)
                .orElse(error.retryAfter());
        return ProviderException.transientFailure(
                name(), Reason.UNAVAILABLE, "Brave is limiting the rate of queries", wait);
    }

    /** The month's quota is spent until {@code window} (the monthly one when null and known) resets. */
    private ProviderException quotaSpent(RateLimits limits, RateLimits.Window window) {
        RateLimits.Window spent = window != null ? window : limits.monthly().orElse(null);
        Duration retryAfter = spent == null ? null : spent.reset();
        return new ProviderException(
                name(), Reason.QUOTA_EXCEEDED, "The monthly quota of Brave queries is spent", retryAfter, false);
    }

    private static String code(JsonNode json) {
        JsonNode code = json.path("error").path("code");
        return code.isString() && CODE.matcher(code.stringValue()).matches() ? code.stringValue() : "";
    }
}
