package dev.portafunc.search.google;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.portafunc.search.ProviderException;
import dev.portafunc.search.ProviderException.Reason;
import dev.portafunc.search.SearchRequest;
import dev.portafunc.search.SearchResults;
import dev.portafunc.search.Snapshots;
import dev.portafunc.testing.Fixtures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GoogleSearchProviderTest {

    static final String KEY = "AIzaTEST-not-a-real-key-0123456789";
    static final String ENGINE = "0123456789abcdef0";

    @RegisterExtension
    static WireMockExtension google = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    GoogleSearchProvider provider() {
        return provider(Duration.ofSeconds(2));
    }

    GoogleSearchProvider provider(Duration readTimeout) {
        // 2026-11-26 20:00 UTC is 12:00 in Los Angeles: the daily quota resets in 12 hours.
        Clock clock = Clock.fixed(Instant.parse("2026-11-26T20:00:00Z"), ZoneOffset.UTC);
        return new GoogleSearchProvider(KEY, ENGINE, google.baseUrl() + "/", Duration.ofSeconds(1), readTimeout, clock);
    }

    GoogleSearchProvider providerAt(String instant, LocalDate endDate) {
        Clock clock = Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
        return new GoogleSearchProvider(
                KEY, ENGINE, google.baseUrl() + "/", Duration.ofSeconds(1), Duration.ofSeconds(2), endDate, clock);
    }

    void answer(int status, String fixture) {
        google.stubFor(get(urlPathEqualTo("/customsearch/v1"))
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json; charset=UTF-8")
                        .withBody(Fixtures.read(fixture))));
    }

    @Test
    void searchSendsTheQueryParametersOfCseListAndTheKeyInAHeader() {
        answer(200, "google/search-serverless.json");

        provider().search(new SearchRequest("serverless cold start", 3, 11, "active", "de", "example.org"));

        List<LoggedRequest> requests = google.findAll(getRequestedFor(urlPathEqualTo("/customsearch/v1")));
        assertThat(requests).hasSize(1);
        LoggedRequest request = requests.getFirst();
        assertThat(request.queryParameter("q").firstValue()).isEqualTo("serverless cold start");
        assertThat(request.queryParameter("cx").firstValue()).isEqualTo(ENGINE);
        assertThat(request.queryParameter("num").firstValue()).isEqualTo("3");
        assertThat(request.queryParameter("start").firstValue()).isEqualTo("11");
        assertThat(request.queryParameter("safe").firstValue()).isEqualTo("active");
        assertThat(request.queryParameter("lr").firstValue()).isEqualTo("lang_de");
        assertThat(request.queryParameter("siteSearch").firstValue()).isEqualTo("example.org");
        assertThat(request.queryParameter("siteSearchFilter").firstValue()).isEqualTo("i");
        assertThat(request.queryParameter("key").isPresent()).isFalse();
        assertThat(request.getUrl()).doesNotContain(KEY);
        assertThat(request.getHeader("x-goog-api-key")).isEqualTo(KEY);
    }

    @Test
    void theKeyIsReadForEachCallSoARotatedKeyNeedsNoRestart() {
        answer(200, "google/search-serverless.json");
        AtomicReference<String> key = new AtomicReference<>(KEY);
        GoogleSearchProvider provider = new GoogleSearchProvider(
                key::get,
                ENGINE,
                google.baseUrl() + "/",
                Duration.ofSeconds(1),
                Duration.ofSeconds(2),
                GoogleSearchProvider.END);

        provider.search(SearchRequest.of("first").validated());
        key.set("AIzaROTATED-not-a-real-key-9876543210");
        provider.search(SearchRequest.of("second").validated());

        List<LoggedRequest> requests = google.findAll(getRequestedFor(urlPathEqualTo("/customsearch/v1")));
        assertThat(requests)
                .extracting(request -> request.getHeader("x-goog-api-key"))
                .containsExactly(KEY, "AIzaROTATED-not-a-real-key-9876543210");
    }

    @Test
    void afterASnapshotGooglesClientIsMadeAgainAndStillSearches() {
        answer(200, "google/search-serverless.json");
        GoogleSearchProvider provider = provider();
        provider.search(SearchRequest.of("before").validated());

        Snapshots.beforeSnapshot();

        assertThat(provider.search(SearchRequest.of("after").validated()).items())
                .isNotEmpty();
    }

    @Test
    void searchLeavesOutOptionsTheRequestDoesNotSet() {
        answer(200, "google/search-serverless.json");

        provider().search(SearchRequest.of("serverless cold start").validated());

        google.verify(getRequestedFor(urlPathEqualTo("/customsearch/v1"))
                .withQueryParam("num", equalTo("10"))
                .withQueryParam("start", equalTo("1"))
                .withQueryParam("safe", absent())
                .withQueryParam("lr", absent())
                .withQueryParam("siteSearch", absent()));
    }

    @Test
    void searchMapsTheResponseToSearchResults() {
        answer(200, "google/search-serverless.json");

        SearchResults results = provider().search(new SearchRequest("serverless cold start", 3, 1, null, null, null));

        assertThat(results.provider()).isEqualTo("google");
        assertThat(results.query()).isEqualTo("serverless cold start");
        assertThat(results.totalResults()).isEqualTo(1_240_000L);
        assertThat(results.nextStart()).isEqualTo(4);
        assertThat(results.items()).hasSize(3);
        assertThat(results.items().getFirst().title()).isEqualTo("Understanding Cold Starts in Serverless Functions");
        assertThat(results.items().getFirst().link()).isEqualTo("https://example.org/articles/serverless-cold-start");
        assertThat(results.items().getFirst().displayLink()).isEqualTo("example.org");
        assertThat(results.items().getFirst().htmlSnippet()).contains("<b>cold start</b>");
        assertThat(results.items().get(1).title()).isEqualTo("Scale to zero &amp; what it costs");
    }

    @Test
    void searchWithNoItemsReturnsAnEmptyPage() {
        answer(200, "google/search-no-items.json");

        SearchResults results =
                provider().search(SearchRequest.of("zzqxv nothing matches").validated());

        assertThat(results.items()).isEmpty();
        assertThat(results.totalResults()).isZero();
        assertThat(results.nextStart()).isNull();
    }

    @Test
    void searchWhenDailyQuotaIsSpentFailsUntilMidnightPacificTime() {
        answer(429, "google/error-429-per-day.json");

        assertThatThrownBy(() -> provider().search(SearchRequest.of("q").validated()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.QUOTA_EXCEEDED);
                    assertThat(e.retryAfter()).contains(Duration.ofHours(12));
                    assertThat(e.getMessage()).doesNotContain(KEY).doesNotContain("project_number");
                });
    }

    @Test
    void searchWhenRateLimitedPerMinuteIsUnavailableWithGooglesRetryAfter() {
        google.stubFor(get(urlPathEqualTo("/customsearch/v1"))
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("Retry-After", "17")
                        .withBody(Fixtures.read("google/error-429-per-minute.json"))));

        assertThatThrownBy(() -> provider().search(SearchRequest.of("q").validated()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(17));
                });
    }

    @Test
    void searchWhenTheApiIsDisabledIsRejected() {
        answer(403, "google/error-403-disabled.json");

        assertThatThrownBy(() -> provider().search(SearchRequest.of("q").validated()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.REJECTED);
                    assertThat(e.getMessage()).doesNotContain("console.developers.google.com");
                });
    }

    @Test
    void searchWhenGoogleNoLongerLetsTheProjectInIsClosedAndNamesTheSuccessors() {
        answer(403, "google/error-403-no-access.json");

        assertThatThrownBy(() -> provider().search(SearchRequest.of("q").validated()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.CLOSED);
                    assertThat(e.isRetryable()).isFalse();
                    assertThat(e.getMessage())
                            .contains("closed to this project")
                            .contains("vertex, brave, searxng or local")
                            .doesNotContain(KEY)
                            .doesNotContain("does not have the access");
                });
    }

    @Test
    void searchRefusedOnceTheApiHasEndedIsClosed() {
        answer(403, "google/error-403-disabled.json");

        assertThatThrownBy(() -> providerAt("2027-01-02T09:00:00Z", GoogleSearchProvider.END)
                        .search(SearchRequest.of("q").validated()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.CLOSED);
                    assertThat(e).hasMessageContaining("ended the Custom Search JSON API on 2027-01-01");
                });
    }

    @Test
    void theProviderIsUsableUntilTheLastSecondBeforeItsEndDateInUtc() {
        assertThat(providerAt("2026-12-31T23:59:59Z", GoogleSearchProvider.END).unusable())
                .isEmpty();
    }

    @Test
    void theProviderIsUnusableFromMidnightUtcOnItsEndDateAndSaysWhereToGo() {
        assertThat(providerAt("2027-01-01T00:00:00Z", GoogleSearchProvider.END).unusable())
                .hasValueSatisfying(reason ->
                        assertThat(reason).contains("2027-01-01").contains("vertex, brave, searxng or local"));
    }

    @Test
    void theEndDateIsAConstructorArgument() {
        LocalDate earlier = LocalDate.of(2026, 12, 15);

        assertThat(providerAt("2026-12-14T23:59:59Z", earlier).unusable()).isEmpty();
        assertThat(providerAt("2026-12-15T00:00:00Z", earlier).unusable())
                .hasValueSatisfying(reason -> assertThat(reason).contains("2026-12-15"));
        assertThat(new GoogleSearchProvider(
                                KEY,
                                ENGINE,
                                google.baseUrl() + "/",
                                Duration.ofSeconds(1),
                                Duration.ofSeconds(1),
                                LocalDate.of(2000, 1, 1))
                        .unusable())
                .isPresent();
    }

    @Test
    void searchWithAnInvalidKeyIsRejectedWithoutTheKey() {
        answer(400, "google/error-400-key-invalid.json");

        assertThatThrownBy(() -> provider().search(SearchRequest.of("q").validated()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.REJECTED);
                    assertThat(e).hasMessageNotContaining(KEY);
                    assertThat(e.getCause()).isNull();
                });
    }

    @Test
    void searchWhenGoogleFailsIsRejected() {
        answer(500, "google/error-500.json");

        assertThatThrownBy(() -> provider().search(SearchRequest.of("q").validated()))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REJECTED));
    }

    @Test
    void searchWhenGoogleIsSlowTimesOut() {
        google.stubFor(get(urlPathEqualTo("/customsearch/v1"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withFixedDelay(1500)
                        .withHeader("Content-Type", "application/json")
                        .withBody(Fixtures.read("google/search-serverless.json"))));

        assertThatThrownBy(() -> provider(Duration.ofMillis(300))
                        .search(SearchRequest.of("q").validated()))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT));
    }

    @Test
    void searchWhenTheConnectionIsResetIsUnavailable() {
        google.stubFor(get(urlPathEqualTo("/customsearch/v1"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> provider().search(SearchRequest.of("q").validated()))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE));
    }

    @Test
    void searchWhenGoogleSendsMalformedJsonIsRejected() {
        google.stubFor(get(urlPathEqualTo("/customsearch/v1"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"kind\": \"customsearch#search\", \"items\": [{\"title\": ")));

        assertThatThrownBy(() -> provider().search(SearchRequest.of("q").validated()))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REJECTED));
    }

    @Test
    void providerWithoutKeyOrEngineCannotBeBuilt() {
        assertThatThrownBy(() -> new GoogleSearchProvider(
                        "",
                        ENGINE,
                        "https://customsearch.googleapis.com/",
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("API key");
    }

    @Test
    void theApisEndIsAnnouncedWithWhatSearchesDoThen() {
        LocalDate today = LocalDate.of(2026, 11, 27);

        assertThat(GoogleSearchProvider.endNotice(GoogleSearchProvider.END, today, "searxng"))
                .isEqualTo("Google's Custom Search JSON API ends on 2027-01-01, in 35 days; from then on portafunc no"
                        + " longer calls it, and its searches go to searxng.");
        assertThat(GoogleSearchProvider.endNotice(GoogleSearchProvider.END, LocalDate.of(2026, 12, 31), null))
                .startsWith("Google's Custom Search JSON API ends on 2027-01-01, in 1 day; from then on portafunc no"
                        + " longer calls it and nothing comes after it")
                .contains("not ready", "PORTAFUNC_SEARCH_PROVIDER=google,vertex");
        assertThat(GoogleSearchProvider.endNotice(GoogleSearchProvider.END, GoogleSearchProvider.END, "local"))
                .isEqualTo("Google's Custom Search JSON API ended on 2027-01-01: portafunc no longer calls it, and its"
                        + " searches go to local.");
    }

    @Test
    void theEndNoticeTellsTheConfiguredEndDate() {
        LocalDate end = LocalDate.of(2026, 12, 20);

        assertThat(GoogleSearchProvider.endNotice(end, LocalDate.of(2026, 12, 7), "vertex"))
                .isEqualTo("Google's Custom Search JSON API ends on 2026-12-20, in 13 days; from then on portafunc no"
                        + " longer calls it, and its searches go to vertex.");
    }
}
