package dev.portafunc.search.brave;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.portafunc.search.InvalidInputException;
import dev.portafunc.search.ProviderException;
import dev.portafunc.search.ProviderException.Reason;
import dev.portafunc.search.SearchItem;
import dev.portafunc.search.SearchRequest;
import dev.portafunc.search.SearchResults;
import dev.portafunc.testing.Fixtures;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BraveSearchProviderTest {

    static final String KEY = "BSA-not-a-real-subscription-token-0123456789";
    static final String PATH = "/res/v1/web/search";

    @RegisterExtension
    static WireMockExtension brave = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    BraveSearchProvider provider(Supplier<String> key, Duration readTimeout) {
        return new BraveSearchProvider(key, URI.create(brave.baseUrl()), Duration.ofSeconds(1), readTimeout);
    }

    BraveSearchProvider provider() {
        return provider(() -> KEY, Duration.ofSeconds(2));
    }

    void answer(ResponseDefinitionBuilder response) {
        brave.stubFor(get(urlPathEqualTo(PATH)).willReturn(response));
    }

    void answer(int status, String fixture) {
        answer(aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(Fixtures.read(fixture)));
    }

    LoggedRequest sent() {
        List<LoggedRequest> requests = brave.findAll(getRequestedFor(urlPathEqualTo(PATH)));
        assertThat(requests).hasSize(1);
        return requests.getFirst();
    }

    static String param(LoggedRequest request, String name) {
        return request.queryParameter(name).isPresent()
                ? request.queryParameter(name).firstValue()
                : null;
    }

    @Test
    void searchSendsTheWebSearchParametersAndTheKeyInAHeaderNeverInTheUrl() {
        answer(200, "brave/search-page-of-10.json");

        provider().search(new SearchRequest("knative serving", 10, 11, "active", "de", null).validated());

        LoggedRequest request = sent();
        assertThat(param(request, "q")).isEqualTo("knative serving");
        assertThat(param(request, "count")).isEqualTo("10");
        assertThat(param(request, "offset")).isEqualTo("1");
        assertThat(param(request, "search_lang")).isEqualTo("de");
        assertThat(param(request, "safesearch")).isEqualTo("strict");
        assertThat(request.getUrl()).doesNotContain(KEY).doesNotContain("+");
        assertThat(request.getHeader("X-Subscription-Token")).isEqualTo(KEY);
        assertThat(request.getHeader("Accept")).isEqualTo("application/json");
    }

    @Test
    void optionsTheRequestDoesNotSetAreLeftToBravesDefaults() {
        answer(200, "brave/search-page-of-10.json");

        provider().search(SearchRequest.of("knative serving").validated());

        LoggedRequest request = sent();
        assertThat(request.queryParameter("search_lang").isPresent()).isFalse();
        assertThat(request.queryParameter("safesearch").isPresent()).isFalse();
        assertThat(param(request, "count")).isEqualTo("10");
        assertThat(param(request, "offset")).isEqualTo("0");
    }

    @Test
    void safeOffIsOff() {
        answer(200, "brave/search-page-of-10.json");

        provider().search(new SearchRequest("q", 10, 1, "off", null, null).validated());

        assertThat(param(sent(), "safesearch")).isEqualTo("off");
    }

    @Test
    void aSiteBecomesBravesSiteOperator() {
        answer(200, "brave/search-page-of-10.json");

        provider().search(new SearchRequest("knative", 10, 1, null, null, "example.org").validated());

        assertThat(param(sent(), "q")).isEqualTo("knative site:example.org");
    }

    @ParameterizedTest
    @CsvSource({"en, en", "pt-BR, pt-br", "de-AT, de", "ja, jp", "zh-TW, zh-hant", "zh, zh-hans", "en-GB, en-gb"})
    void aLanguageIsSentAsBravesSearchLang(String language, String searchLang) {
        answer(200, "brave/search-page-of-10.json");

        provider().search(new SearchRequest("q", 10, 1, null, language, null).validated());

        assertThat(param(sent(), "search_lang")).isEqualTo(searchLang);
    }

    @Test
    void aLanguageBraveCannotFilterByIsInvalidForThisProviderWithoutACall() {
        assertThatThrownBy(() -> provider().search(new SearchRequest("q", 10, 1, null, "sw", null).validated()))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("language"));
        assertThat(brave.findAll(getRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void aQueryLongerThanBraveTakesIsInvalidForThisProviderWithoutACall() {
        String words = "word ".repeat(51).strip();
        String characters = "x".repeat(401);

        for (String query : List.of(words, characters)) {
            assertThatThrownBy(() -> provider().search(SearchRequest.of(query).validated()))
                    .isInstanceOfSatisfying(
                            InvalidInputException.class,
                            e -> assertThat(e.field()).isEqualTo("query"));
        }
        assertThat(brave.findAll(getRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void aRequestOffBravesPageBoundariesAsksForThePageThatHoldsItAndTakesItsSlice() {
        answer(200, "brave/search-page-of-10.json");

        SearchResults results = provider().search(new SearchRequest("knative serving", 3, 3, null, null, null));

        LoggedRequest request = sent();
        assertThat(param(request, "count")).isEqualTo("5");
        assertThat(param(request, "offset")).isEqualTo("0");
        assertThat(results.items())
                .extracting(SearchItem::link)
                .containsExactly(
                        "https://site3.example.org/knative/3",
                        "https://site4.example.org/knative/4",
                        "https://site5.example.org/knative/5");
        assertThat(results.nextStart()).isEqualTo(6);
        assertThat(results.totalResults()).isEqualTo(5L);
    }

    @Test
    void resultsAreMappedWithThePlainAndMarkedUpDescription() {
        answer(200, "brave/search-page-of-10.json");

        SearchResults results =
                provider().search(SearchRequest.of("knative serving").validated());

        assertThat(results.provider()).isEqualTo("brave");
        assertThat(results.query()).isEqualTo("knative serving");
        assertThat(results.items()).hasSize(10);
        SearchItem first = results.items().getFirst();
        assertThat(first.title()).isEqualTo("Knative Serving explained");
        assertThat(first.link()).isEqualTo("https://site1.example.org/knative/1");
        assertThat(first.displayLink()).isEqualTo("site1.example.org");
        assertThat(first.htmlSnippet()).contains("<strong>Knative</strong>");
        assertThat(first.snippet())
                .isEqualTo("How Knative Serving handles knative serving (result 1) & what it means for your services.");
        assertThat(results.nextStart()).isEqualTo(11);
    }

    @Test
    void theLastPageHasNoNextStart() {
        answer(200, "brave/search-last-page.json");

        SearchResults results = provider().search(new SearchRequest("knative serving", 10, 21, null, null, null));

        assertThat(results.items()).hasSize(3);
        assertThat(results.totalResults()).isEqualTo(23L);
        assertThat(results.nextStart()).isNull();
    }

    @Test
    void aNextPageBeyondTheHundredthResultIsNotOffered() {
        answer(200, "brave/search-page-of-10.json");

        assertThat(provider()
                        .search(new SearchRequest("q", 10, 91, null, null, null).validated())
                        .nextStart())
                .isNull();
    }

    @Test
    void noResultsIsAnEmptyPage() {
        answer(200, "brave/search-no-results.json");

        SearchResults results =
                provider().search(SearchRequest.of("zzqxv nothing matches").validated());

        assertThat(results.items()).isEmpty();
        assertThat(results.totalResults()).isZero();
        assertThat(results.nextStart()).isNull();
    }

    @Test
    void theKeyIsReadForEachCallSoARotatedKeyNeedsNoRestart() {
        answer(200, "brave/search-page-of-10.json");
        AtomicReference<String> key = new AtomicReference<>("BSA-old");
        BraveSearchProvider provider = provider(key::get, Duration.ofSeconds(2));

        provider.search(SearchRequest.of("q").validated());
        key.set("BSA-new");
        provider.search(SearchRequest.of("q").validated());

        assertThat(brave.findAll(getRequestedFor(urlPathEqualTo(PATH))))
                .extracting(r -> r.getHeader("X-Subscription-Token"))
                .containsExactly("BSA-old", "BSA-new");
    }

    @Test
    void withoutAKeyTheProviderIsUnusableAndASearchIsRejectedWithoutACall() {
        AtomicReference<String> key = new AtomicReference<>(" ");
        BraveSearchProvider provider = provider(key::get, Duration.ofSeconds(2));

        assertThat(provider.unusable()).isPresent();
        assertThatThrownBy(() -> provider.search(SearchRequest.of("q").validated()))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REJECTED));
        assertThat(brave.findAll(getRequestedFor(anyUrl()))).isEmpty();

        key.set(KEY);
        assertThat(provider.unusable()).isEmpty();
    }

    ProviderException failure() {
        try {
            provider().search(SearchRequest.of("q").validated());
        } catch (ProviderException e) {
            assertThat(e.provider()).isEqualTo("brave");
            assertThat(e.getMessage())
                    .doesNotContain(KEY)
                    .doesNotContain("http")
                    .doesNotContain("exceeded for plan")
                    .doesNotContain("provided subscription token");
            assertThat(e.getCause()).isNull();
            return e;
        }
        throw new AssertionError("the search did not fail");
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403, 422})
    void aBadKeyIsRejectedNamingTheKey(int status) {
        answer(status, "brave/error-422-subscription-token-invalid.json");

        ProviderException e = failure();

        assertThat(e.reason()).isEqualTo(Reason.REJECTED);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("refused the subscription token").contains("API key");
    }

    @Test
    void invalidParametersAreRejectedWithBravesCode() {
        answer(422, "brave/error-422-validation.json");

        ProviderException e = failure();

        assertThat(e.reason()).isEqualTo(Reason.REJECTED);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).isEqualTo("Brave rejected the query's parameters (VALIDATION)");
    }

    ResponseDefinitionBuilder tooManyRequests(String fixture, String remaining, String reset) {
        return aResponse()
                .withStatus(429)
                .withHeader("Content-Type", "application/json")
                .withHeader("X-RateLimit-Limit", "1, 2000")
                .withHeader("X-RateLimit-Policy", "1;w=1, 2000;w=2592000")
                .withHeader("X-RateLimit-Remaining", remaining)
                .withHeader("X-RateLimit-Reset", reset)
                .withBody(Fixtures.read(fixture));
    }

    @Test
    void aPerSecondRateLimitIsATransientUnavailableUntilTheSecondsWindowResets() {
        answer(tooManyRequests("brave/error-429-rate-limited.json", "0, 1846", "1, 1419704"));

        ProviderException e = failure();

        assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));
    }

    @Test
    void aSpentMonthlyQuotaIsQuotaExceededUntilTheMonthResets() {
        answer(tooManyRequests("brave/error-429-quota-limited.json", "1, 0", "1, 1419704"));

        ProviderException e = failure();

        assertThat(e.reason()).isEqualTo(Reason.QUOTA_EXCEEDED);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(1_419_704));
        assertThat(e.getMessage()).contains("monthly quota");
    }

    @Test
    void theMonthlyLimitIsFoundByItsPolicyWindowWhateverItsPlaceInTheHeaders() {
        answer(aResponse()
                .withStatus(429)
                .withHeader("X-RateLimit-Policy", "2000;w=2592000, 1;w=1")
                .withHeader("X-RateLimit-Remaining", "0, 1")
                .withHeader("X-RateLimit-Reset", "86500, 1")
                .withBody("{}"));

        ProviderException e = failure();

        assertThat(e.reason()).isEqualTo(Reason.QUOTA_EXCEEDED);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(86_500));
    }

    @Test
    void quotaLimitedIsQuotaExceededEvenWithoutTheHeaders() {
        answer(429, "brave/error-429-quota-limited.json");

        assertThat(failure().reason()).isEqualTo(Reason.QUOTA_EXCEEDED);
    }

    @Test
    void aLimitThatResetsMoreThanADayAwayIsAQuotaNotARate() {
        answer(aResponse()
                .withStatus(429)
                .withHeader("X-RateLimit-Reset", "200000")
                .withBody("{}"));

        ProviderException e = failure();

        assertThat(e.reason()).isEqualTo(Reason.QUOTA_EXCEEDED);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(200_000));
    }

    @Test
    void aRateLimitWithoutBravesHeadersKeepsItsRetryAfter() {
        answer(aResponse().withStatus(429).withHeader("Retry-After", "4").withBody("{}"));

        ProviderException e = failure();

        assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(4));
    }

    @Test
    void anOutageIsATransientUnavailable() {
        answer(aResponse().withStatus(503).withBody("upstream connect error"));

        ProviderException e = failure();

        assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(e.isRetryable()).isTrue();
    }

    @Test
    void anInternalErrorIsATransientRejection() {
        answer(aResponse().withStatus(500).withBody("{}"));

        ProviderException e = failure();

        assertThat(e.reason()).isEqualTo(Reason.REJECTED);
        assertThat(e.isRetryable()).isTrue();
    }

    @Test
    void aSlowAnswerTimesOut() {
        answer(aResponse()
                .withFixedDelay(1500)
                .withHeader("Content-Type", "application/json")
                .withBody(Fixtures.read("brave/search-page-of-10.json")));

        assertThatThrownBy(() -> provider(() -> KEY, Duration.ofMillis(300))
                        .search(SearchRequest.of("q").validated()))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT));
    }

    @Test
    void aResetConnectionIsUnavailable() {
        answer(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        assertThat(failure().reason()).isEqualTo(Reason.UNAVAILABLE);
    }

    @Test
    void aMalformedAnswerIsRejected() {
        answer(aResponse().withHeader("Content-Type", "application/json").withBody("{\"web\": {\"results\": [{"));

        assertThat(failure().reason()).isEqualTo(Reason.REJECTED);
    }

    @Test
    void theDefaultRootIsBravesApi() {
        assertThat(BraveSearchProvider.DEFAULT_ROOT_URL).hasToString("https://api.search.brave.com");
    }
}
