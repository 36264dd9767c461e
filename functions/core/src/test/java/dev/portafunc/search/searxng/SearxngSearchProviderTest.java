package dev.portafunc.search.searxng;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
import dev.portafunc.search.OutgoingHeaders;
import dev.portafunc.search.ProviderException;
import dev.portafunc.search.ProviderException.Reason;
import dev.portafunc.search.SearchRequest;
import dev.portafunc.search.SearchResults;
import dev.portafunc.testing.Fixtures;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SearxngSearchProviderTest {

    @RegisterExtension
    static WireMockExtension searxng = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    SearxngSearchProvider provider(Duration readTimeout) {
        return new SearxngSearchProvider(URI.create(searxng.baseUrl()), Duration.ofSeconds(1), readTimeout);
    }

    SearxngSearchProvider provider() {
        return provider(Duration.ofSeconds(2));
    }

    final List<List<String>> unresponsive = new ArrayList<>();

    SearxngSearchProvider providerWithListener() {
        return new SearxngSearchProvider(
                URI.create(searxng.baseUrl()), Duration.ofSeconds(1), Duration.ofSeconds(2), unresponsive::add);
    }

    void answer(int status, String body) {
        searxng.stubFor(get(urlPathEqualTo("/search"))
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json")
                        .withBody(body)));
    }

    @Test
    void searchSendsTheJsonApiParameters() {
        answer(200, Fixtures.read("searxng/search-knative.json"));

        provider().search(new SearchRequest("knative serving", 5, 13, "active", "fr", "example.org"));

        LoggedRequest request =
                searxng.findAll(getRequestedFor(urlPathEqualTo("/search"))).getFirst();
        assertThat(request.queryParameter("q").firstValue()).isEqualTo("knative serving site:example.org");
        assertThat(request.queryParameter("format").firstValue()).isEqualTo("json");
        assertThat(request.queryParameter("pageno").firstValue()).isEqualTo("2");
        assertThat(request.queryParameter("language").firstValue()).isEqualTo("fr");
        assertThat(request.queryParameter("safesearch").firstValue()).isEqualTo("2");
    }

    @Test
    void searchLeavesOutOptionsTheRequestDoesNotSet() {
        answer(200, Fixtures.read("searxng/search-knative.json"));

        provider().search(SearchRequest.of("knative serving").validated());

        LoggedRequest request =
                searxng.findAll(getRequestedFor(urlPathEqualTo("/search"))).getFirst();
        assertThat(request.queryParameter("pageno").firstValue()).isEqualTo("1");
        assertThat(request.queryParameter("language").isPresent()).isFalse();
        assertThat(request.queryParameter("safesearch").isPresent()).isFalse();
    }

    @Test
    void searchMapsResultsAndTakesThePageSliceAsked() {
        answer(200, Fixtures.read("searxng/search-knative.json"));

        SearchResults results = provider().search(new SearchRequest("knative serving", 3, 3, null, null, null));

        assertThat(results.provider()).isEqualTo("searxng");
        assertThat(results.items()).hasSize(3);
        assertThat(results.items().getFirst().link()).isEqualTo("https://site2.example.org/page/2");
        assertThat(results.items().getFirst().displayLink()).isEqualTo("site2.example.org");
        assertThat(results.items().getFirst().snippet()).contains("scales them to zero");
        assertThat(results.totalResults()).isGreaterThanOrEqualTo(5);
        assertThat(results.nextStart()).isEqualTo(6);
    }

    @Test
    void searchWithNoResultsReturnsAnEmptyPage() {
        answer(200, "{\"query\":\"x\",\"number_of_results\":0,\"results\":[],\"answers\":[]}");

        SearchResults results = provider().search(SearchRequest.of("x").validated());

        assertThat(results.items()).isEmpty();
        assertThat(results.totalResults()).isZero();
        assertThat(results.nextStart()).isNull();
    }

    @Test
    void searchWhenJsonFormatIsDisabledIsRejectedWithTheSettingToChange() {
        searxng.stubFor(get(urlPathEqualTo("/search"))
                .willReturn(aResponse()
                        .withStatus(403)
                        .withHeader("Content-Type", "text/html; charset=utf-8")
                        .withBody(Fixtures.read("searxng/error-403-json-format-off.html"))));

        assertThatThrownBy(() -> provider().search(SearchRequest.of("x").validated()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.REJECTED);
                    assertThat(e.isRetryable()).isFalse();
                    assertThat(e.getMessage())
                            .contains("403")
                            .contains("enable json under search.formats in settings.yml")
                            .doesNotContain(searxng.baseUrl())
                            .doesNotContain("permission");
                });
    }

    @Test
    void afterTheJsonFormatIsRefusedTheProviderIsUnusableUntilACallSucceeds() {
        SearxngSearchProvider provider = provider();
        assertThat(provider.unusable()).isEmpty();
        answer(403, Fixtures.read("searxng/error-403-json-format-off.html"));

        assertThatThrownBy(() -> provider.search(SearchRequest.of("x").validated()))
                .isInstanceOf(ProviderException.class);
        assertThat(provider.unusable())
                .hasValueSatisfying(
                        reason -> assertThat(reason).contains("enable json under search.formats in settings.yml"));

        searxng.resetAll();
        answer(200, Fixtures.read("searxng/search-knative.json"));
        provider.search(SearchRequest.of("x").validated());
        assertThat(provider.unusable()).isEmpty();
    }

    @Test
    void otherFailuresLeaveTheProviderUsable() {
        SearxngSearchProvider provider = provider();
        answer(500, "{}");

        assertThatThrownBy(() -> provider.search(SearchRequest.of("x").validated()))
                .isInstanceOf(ProviderException.class);
        assertThat(provider.unusable()).isEmpty();
    }

    @Test
    void unresponsiveEnginesAreToldToTheListenerByName() {
        answer(200, Fixtures.read("searxng/search-some-engines-unresponsive.json"));

        SearchResults results = providerWithListener()
                .search(SearchRequest.of("knative serving").validated());

        assertThat(results.items()).hasSize(1);
        assertThat(unresponsive).containsExactly(List.of("brave", "google"));
    }

    @Test
    void aSearchEveryEngineAnsweredTellsTheListenerNothing() {
        answer(200, "{\"query\":\"x\",\"results\":[],\"unresponsive_engines\":[]}");

        SearchResults results =
                providerWithListener().search(SearchRequest.of("x").validated());

        assertThat(results.items()).isEmpty();
        assertThat(unresponsive).isEmpty();
    }

    @Test
    void noResultsBecauseEveryEngineFailedIsATransientUnavailableFailureNotAnEmptyAnswer() {
        answer(200, Fixtures.read("searxng/search-every-engine-unresponsive.json"));
        SearxngSearchProvider provider = providerWithListener();

        assertThatThrownBy(() ->
                        provider.search(SearchRequest.of("knative serving").validated()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e.getMessage()).contains("3 unresponsive").doesNotContain("Suspended");
                });
        assertThat(unresponsive).containsExactly(List.of("bing", "duckduckgo", "google"));
        assertThat(provider.unusable()).isEmpty();
    }

    @Test
    void unresponsiveEnginesInAnUnexpectedShapeCostTheirNamesNotTheResults() {
        answer(
                200,
                "{\"results\":[{\"url\":\"https://a.example/\",\"title\":\"A\"}],"
                        + "\"unresponsive_engines\":[{\"engine\":\"bing\"},42,[\"qwant\",\"timeout\"],\"mojeek\"]}");

        SearchResults results =
                providerWithListener().search(SearchRequest.of("x").validated());

        assertThat(results.items()).hasSize(1);
        assertThat(unresponsive).containsExactly(List.of("bing", "qwant", "mojeek"));
    }

    @Test
    void searchWhenRateLimitedIsUnavailableWithRetryAfter() {
        searxng.stubFor(get(urlPathEqualTo("/search"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")));

        assertThatThrownBy(() -> provider().search(SearchRequest.of("x").validated()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
                });
    }

    @Test
    void searchWhenSearxngFailsIsRejected() {
        answer(500, "{}");

        assertThatThrownBy(() -> provider().search(SearchRequest.of("x").validated()))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REJECTED));
    }

    @Test
    void searchWhenSearxngIsSlowTimesOut() {
        searxng.stubFor(get(urlPathEqualTo("/search"))
                .willReturn(aResponse().withStatus(200).withFixedDelay(1500).withBody("{}")));

        assertThatThrownBy(() -> provider(Duration.ofMillis(300))
                        .search(SearchRequest.of("x").validated()))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT));
    }

    @Test
    void searchWhenTheBodyIsTruncatedIsRejected() {
        answer(200, "{\"results\": [{\"url\": \"https://a.example\", \"tit");

        assertThatThrownBy(() -> provider().search(SearchRequest.of("x").validated()))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REJECTED));
    }

    @Test
    void headersBoundToTheScopeGoWithTheCallAndNowhereElse() throws Exception {
        answer(200, Fixtures.read("searxng/search-knative.json"));
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

        ScopedValue.where(OutgoingHeaders.CURRENT, Map.of("traceparent", traceparent))
                .call(() -> provider().search(SearchRequest.of("inside").validated()));
        provider().search(SearchRequest.of("outside").validated());

        List<LoggedRequest> requests = searxng.findAll(getRequestedFor(urlPathEqualTo("/search")));
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).getHeader("traceparent")).isEqualTo(traceparent);
        assertThat(requests.get(1).containsHeader("traceparent")).isFalse();
    }

    @Test
    void aConnectionResetFailsOnlyItsOwnCall() throws Exception {
        // Over h2c every call would share one connection, and the reset would take the calls in flight with it.
        searxng.stubFor(get(urlPathEqualTo("/search"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withFixedDelay(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody(Fixtures.read("searxng/search-knative.json"))));
        searxng.stubFor(get(urlPathEqualTo("/search"))
                .withQueryParam("q", equalTo("reset"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        SearxngSearchProvider provider = provider();
        provider.search(SearchRequest.of("warm the connection").validated());

        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<SearchResults>> inFlight = IntStream.range(0, 8)
                    .mapToObj(i -> executor.submit(() ->
                            provider.search(SearchRequest.of("knative " + i).validated())))
                    .toList();
            Thread.sleep(100);
            assertThatThrownBy(() -> provider.search(SearchRequest.of("reset").validated()))
                    .isInstanceOf(ProviderException.class);
            for (Future<SearchResults> call : inFlight) {
                assertThat(call.get().items()).isNotEmpty();
            }
        }
    }

    @Test
    void searchWhenTheConnectionIsResetIsUnavailable() {
        searxng.stubFor(
                get(urlPathEqualTo("/search")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> provider().search(SearchRequest.of("x").validated()))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE));
    }
}
