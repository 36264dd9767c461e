package dev.portafunc.search.google;

import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpResponseException;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.customsearch.v1.CustomSearchAPI;
import com.google.api.services.customsearch.v1.model.Result;
import com.google.api.services.customsearch.v1.model.Search;
import dev.portafunc.search.JsonHttpClient;
import dev.portafunc.search.ProviderException;
import dev.portafunc.search.ProviderException.Reason;
import dev.portafunc.search.SearchItem;
import dev.portafunc.search.SearchProvider;
import dev.portafunc.search.SearchRequest;
import dev.portafunc.search.SearchResults;
import dev.portafunc.search.Snapshots;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Searches the web through the Google Custom Search JSON API ({@code cse.list}), with Google's own client library.
 *
 * <p>The API is closed to new customers, and Google ends it for existing ones on 2027-01-01: keep a second provider
 * configured. From its end date on (UTC) this provider says it is {@linkplain #unusable() unusable}, so a chain skips
 * it without a call, and a project Google no longer lets in fails with {@link Reason#CLOSED}. The API key travels in
 * the {@code x-goog-api-key} header, never in the URL, so no logged or reported URL can carry it; it is read for each
 * call, so that a rotated key needs no restart.
 */
public final class GoogleSearchProvider implements SearchProvider, Snapshots.Hook {

    /** Google resets the daily quota at midnight Pacific Time. */
    public static final ZoneId QUOTA_ZONE = ZoneId.of("America/Los_Angeles");

    /** The day Google ends the Custom Search JSON API for its existing customers. */
    public static final LocalDate END = LocalDate.of(2027, 1, 1);

    /** The providers that take over from this one, as {@code portafunc.search.provider} names them. */
    static final String SUCCESSORS = "vertex, brave, searxng or local";

    /**
     * What a deployment using this API should be told as it starts, on {@code today}: when the API ends (on
     * {@code endDate}) and what its searches do then. {@code next} is the provider after Google in the deployment's
     * fallback chain, or null when nothing comes after it.
     */
    public static String endNotice(LocalDate endDate, LocalDate today, String next) {
        long days = ChronoUnit.DAYS.between(today, endDate);
        String when = days > 0
                ? "ends on " + endDate + ", in " + days + (days == 1 ? " day" : " days") + "; from then on"
                : "ended on " + endDate + ":";
        String then = next != null
                ? " portafunc no longer calls it, and its searches go to " + next + "."
                : " portafunc no longer calls it and nothing comes after it in portafunc.search.provider, so this"
                        + " instance is not ready and every search fails. Name a successor after it (" + SUCCESSORS
                        + ": PORTAFUNC_SEARCH_PROVIDER=google,vertex or google,brave or google,local), or move to one.";
        return "Google's Custom Search JSON API " + when + then;
    }

    private final Supplier<String> apiKey;
    private final String engineId;
    private final String rootUrl;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final LocalDate endDate;
    private final Clock clock;
    private volatile CustomSearchAPI api;

    /**
     * @param apiKey the API key of a Google Cloud project with the Custom Search API enabled
     * @param engineId the Programmable Search Engine id ({@code cx})
     * @param rootUrl the API's root URL, ending in '/'; Google's unless testing
     */
    public GoogleSearchProvider(
            String apiKey, String engineId, String rootUrl, Duration connectTimeout, Duration readTimeout) {
        this(apiKey, engineId, rootUrl, connectTimeout, readTimeout, END);
    }

    /**
     * @param apiKey the API key of a Google Cloud project with the Custom Search API enabled
     * @param engineId the Programmable Search Engine id ({@code cx})
     * @param rootUrl the API's root URL, ending in '/'; Google's unless testing
     * @param endDate the day the API ends for this deployment ({@link #END} unless Google says otherwise); from then
     *     on, in UTC, the provider is unusable
     */
    public GoogleSearchProvider(
            String apiKey,
            String engineId,
            String rootUrl,
            Duration connectTimeout,
            Duration readTimeout,
            LocalDate endDate) {
        this(() -> apiKey, engineId, rootUrl, connectTimeout, readTimeout, endDate);
    }

    /**
     * @param apiKey the API key of a Google Cloud project with the Custom Search API enabled, read for each call, so
     *     that a rotated key needs no restart
     * @param engineId the Programmable Search Engine id ({@code cx})
     * @param rootUrl the API's root URL, ending in '/'; Google's unless testing
     * @param endDate the day the API ends for this deployment ({@link #END} unless Google says otherwise); from then
     *     on, in UTC, the provider is unusable
     */
    public GoogleSearchProvider(
            Supplier<String> apiKey,
            String engineId,
            String rootUrl,
            Duration connectTimeout,
            Duration readTimeout,
            LocalDate endDate) {
        this(apiKey, engineId, rootUrl, connectTimeout, readTimeout, endDate, Clock.systemUTC());
    }

    GoogleSearchProvider(
            String apiKey,
            String engineId,
            String rootUrl,
            Duration connectTimeout,
            Duration readTimeout,
            Clock clock) {
        this(() -> apiKey, engineId, rootUrl, connectTimeout, readTimeout, END, clock);
    }

    GoogleSearchProvider(
            String apiKey,
            String engineId,
            String rootUrl,
            Duration connectTimeout,
            Duration readTimeout,
            LocalDate endDate,
            Clock clock) {
        this(() -> apiKey, engineId, rootUrl, connectTimeout, readTimeout, endDate, clock);
    }

    GoogleSearchProvider(
            Supplier<String> apiKey,
            String engineId,
            String rootUrl,
            Duration connectTimeout,
            Duration readTimeout,
            LocalDate endDate,
            Clock clock) {
        String key = apiKey == null ? null : apiKey.get();
        if (key == null || key.isBlank() || engineId == null || engineId.isBlank()) {
            throw new IllegalArgumentException("The google provider needs an API key and an engine id");
        }
        if (endDate == null) {
            throw new IllegalArgumentException("The google provider needs the day its API ends (END by default)");
        }
        this.apiKey = apiKey;
        this.engineId = engineId;
        this.rootUrl = rootUrl.endsWith("/") ? rootUrl : rootUrl + "/";
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.endDate = endDate;
        this.clock = clock;
        Snapshots.register(this);
    }

    /**
     * Google's client, made at the first call after this provider was made or {@linkplain #beforeSnapshot() dropped}.
     * Its request initializer runs for every request, so the key is read per call.
     */
    private CustomSearchAPI api() {
        CustomSearchAPI client = api;
        if (client == null) {
            synchronized (this) {
                client = api;
                if (client == null) {
                    client = new CustomSearchAPI.Builder(
                                    new NetHttpTransport(), GsonFactory.getDefaultInstance(), request -> {
                                        request.setConnectTimeout((int) connectTimeout.toMillis());
                                        request.setReadTimeout((int) readTimeout.toMillis());
                                        request.setNumberOfRetries(0);
                                        request.setLoggingEnabled(false);
                                        request.setCurlLoggingEnabled(false);
                                        request.getHeaders().set("x-goog-api-key", apiKey.get());
                                    })
                            .setRootUrl(rootUrl)
                            .setApplicationName("portafunc")
                            .build();
                    api = client;
                }
            }
        }
        return client;
    }

    /** Drops Google's client and its transport; the next call makes them again. */
    @Override
    public void beforeSnapshot() {
        api = null;
    }

    @Override
    public String name() {
        return "google";
    }

    /** From the API's end date on, in UTC, the reason it ended; empty before. */
    @Override
    public Optional<String> unusable() {
        if (!ended()) {
            return Optional.empty();
        }
        return Optional.of(
                "Google ended the Custom Search JSON API on " + endDate + "; its successors here are " + SUCCESSORS);
    }

    private boolean ended() {
        return !LocalDate.now(clock.withZone(ZoneOffset.UTC)).isBefore(endDate);
    }

    @Override
    public SearchResults search(SearchRequest request) {
        Search search;
        try {
            CustomSearchAPI.Cse.List list = api().cse()
                    .list()
                    .setQ(request.query())
                    .setCx(engineId)
                    .setNum(request.count())
                    .setStart((long) request.start());
            if (request.safe() != null) {
                list.setSafe(request.safe());
            }
            if (request.language() != null) {
                list.setLr("lang_" + request.language());
            }
            if (request.site() != null) {
                list.setSiteSearch(request.site()).setSiteSearchFilter("i");
            }
            search = list.execute();
        } catch (GoogleJsonResponseException e) {
            throw failure(e.getStatusCode(), e.getDetails(), e.getHeaders().getRetryAfter());
        } catch (HttpResponseException e) {
            throw failure(e.getStatusCode(), null, e.getHeaders().getRetryAfter());
        } catch (SocketTimeoutException e) {
            throw new ProviderException(name(), Reason.TIMEOUT, "Google did not answer in time");
        } catch (ConnectException | UnknownHostException e) {
            throw ProviderException.transientFailure(name(), Reason.UNAVAILABLE, "Google could not be reached", null);
        } catch (IOException e) {
            throw ProviderException.transientFailure(
                    name(), Reason.UNAVAILABLE, "Google closed the connection before answering", null);
        } catch (RuntimeException e) {
            // The client's JSON parser fails on a truncated or malformed body with whatever it trips over.
            throw new ProviderException(name(), Reason.REJECTED, "Google sent a response that could not be read");
        }
        return results(request, search);
    }

    private SearchResults results(SearchRequest request, Search search) {
        List<SearchItem> items = new ArrayList<>();
        if (search.getItems() != null) {
            for (Result result : search.getItems()) {
                items.add(new SearchItem(
                        result.getTitle(),
                        result.getLink(),
                        result.getDisplayLink(),
                        result.getSnippet(),
                        result.getHtmlSnippet()));
            }
        }
        long total = 0;
        if (search.getSearchInformation() != null
                && search.getSearchInformation().getTotalResults() != null) {
            try {
                total = Long.parseLong(search.getSearchInformation().getTotalResults());
            } catch (NumberFormatException e) {
                total = items.size();
            }
        }
        Integer nextStart = null;
        if (search.getQueries() != null
                && search.getQueries().getNextPage() != null
                && !search.getQueries().getNextPage().isEmpty()) {
            Integer next = search.getQueries().getNextPage().getFirst().getStartIndex();
            nextStart = next != null && next <= SearchRequest.MAX_START ? next : null;
        }
        return new SearchResults(request.query(), name(), total, null, items, nextStart);
    }

    /**
     * Maps Google's error statuses (G7 in the contract checklists): the per-day quota fails fast until midnight Pacific
     * Time; rate limits and outages are worth retrying later; a project Google no longer lets use the API, or any
     * refusal once the API has ended, is {@link Reason#CLOSED}; anything else is a rejection no retry will fix.
     */
    private ProviderException failure(int status, GoogleJsonError details, String retryAfterHeader) {
        Duration retryAfter = JsonHttpClient.retryAfter(Optional.ofNullable(retryAfterHeader));
        String reason = firstReason(details);
        String message = details == null || details.getMessage() == null ? "" : details.getMessage();
        // Google's words for a project that is not, or no longer, let in: the API is closed to new customers.
        boolean closedToProject = status == 403
                && message.toLowerCase(Locale.ROOT).contains("does not have the access to custom search json api");
        if (ended() && (status == 403 || status == 404 || status == 410)) {
            return new ProviderException(
                    name(),
                    Reason.CLOSED,
                    "Google ended the Custom Search JSON API on " + endDate + "; move to one of its successors: "
                            + SUCCESSORS);
        }
        if (closedToProject) {
            return new ProviderException(
                    name(),
                    Reason.CLOSED,
                    "Google's Custom Search JSON API is closed to this project (it takes no new customers, and ends"
                            + " for all on " + endDate + "); move to one of its successors: " + SUCCESSORS);
        }
        boolean perDay = reason.equals("dailyLimitExceeded")
                || message.toLowerCase(Locale.ROOT).contains("per day");
        if ((status == 429 || status == 403) && perDay) {
            return new ProviderException(
                    name(),
                    Reason.QUOTA_EXCEEDED,
                    "The daily quota of Google queries is spent",
                    untilQuotaReset(),
                    false);
        }
        return switch (status) {
            case 429 ->
                ProviderException.transientFailure(
                        name(), Reason.UNAVAILABLE, "Google is limiting the rate of queries", retryAfter);
            case 400 ->
                new ProviderException(
                        name(), Reason.REJECTED, "Google rejected the query (check the API key and engine id)");
            case 401, 403 ->
                new ProviderException(
                        name(),
                        Reason.REJECTED,
                        "Google refused access (check the API key and that the API is enabled)");
            case 503 ->
                ProviderException.transientFailure(name(), Reason.UNAVAILABLE, "Google is unavailable", retryAfter);
            case 504 -> ProviderException.transientFailure(name(), Reason.TIMEOUT, "Google timed out", null);
            default ->
                status >= 500
                        ? ProviderException.transientFailure(
                                name(), Reason.REJECTED, "Google answered with HTTP status " + status, retryAfter)
                        : new ProviderException(name(), Reason.REJECTED, "Google answered with HTTP status " + status);
        };
    }

    private static String firstReason(GoogleJsonError details) {
        if (details == null
                || details.getErrors() == null
                || details.getErrors().isEmpty()) {
            return "";
        }
        String reason = details.getErrors().getFirst().getReason();
        return reason == null ? "" : reason;
    }

    private Duration untilQuotaReset() {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(QUOTA_ZONE));
        ZonedDateTime midnight =
                LocalDate.now(clock.withZone(QUOTA_ZONE)).plusDays(1).atStartOfDay(QUOTA_ZONE);
        return Duration.between(now, midnight);
    }
}
