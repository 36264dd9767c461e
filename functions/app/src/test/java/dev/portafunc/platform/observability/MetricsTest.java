package dev.portafunc.platform.observability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.portafunc.contract.Http;
import dev.portafunc.contract.Http.Response;
import dev.portafunc.testing.Fixtures;
import java.net.URI;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The metrics an operator scrapes at {@code /_/metrics}, from a real run against SearXNG played by WireMock: per
 * function invocations and problems, per provider calls, retries, circuit state and cache.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "portafunc.search.provider=searxng",
            "portafunc.search.resilience.initial-backoff=1ms",
            "portafunc.search.resilience.max-backoff=2ms"
        })
class MetricsTest {

    @RegisterExtension
    static WireMockExtension searxng = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @DynamicPropertySource
    static void upstream(DynamicPropertyRegistry registry) {
        registry.add("portafunc.search.searxng.url", searxng::baseUrl);
    }

    @LocalServerPort
    int port;

    Http http() {
        return new Http(URI.create("http://127.0.0.1:" + port + "/"));
    }

    String scrape() {
        Response response = http().get("/_/metrics", "text/plain");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/plain");
        return response.body();
    }

    static double value(String metrics, String name, String... labels) {
        return metrics.lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> Arrays.stream(labels).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void invocationsAreCountedPerFunctionWithTheirProblemType() {
        searxng.stubFor(get(urlPathEqualTo("/search"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(Fixtures.read("searxng/search-knative.json"))));
        double before = value(
                scrape(), "http_server_requests_seconds_count", "function=\"searchManipulate\"", "problem=\"none\"");

        http().post("/v2/searchManipulate", "text/plain", "application/json", "invocations counted");
        http().post("/v2/search", "text/plain", "application/json", " ");
        http().post("/manipulate", "text/csv", "application/json", "a,b");

        String metrics = scrape();
        assertThat(value(
                        metrics,
                        "http_server_requests_seconds_count",
                        "function=\"searchManipulate\"",
                        "problem=\"none\"",
                        "status=\"200\""))
                .isEqualTo(before + 1);
        assertThat(value(
                        metrics,
                        "http_server_requests_seconds_count",
                        "function=\"search\"",
                        "problem=\"invalid-input\"",
                        "status=\"400\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(metrics, "http_server_requests_seconds_count", "problem=\"unsupported-media-type\""))
                .isGreaterThanOrEqualTo(1);
        // A histogram: buckets an operator can take quantiles from.
        assertThat(metrics).contains("http_server_requests_seconds_bucket{").contains("le=\"0.1\"");
    }

    @Test
    void aBodyOverTheLimitIsCountedAgainstTheFunctionItWasSentTo() {
        String body = "a".repeat(70 * 1024);
        String before = scrape();

        assertThat(http().post("/manipulate", "text/plain", "application/json", body)
                        .status())
                .isEqualTo(413);
        assertThat(http().post("/", "text/plain", "application/json", body).status())
                .isEqualTo(413);

        String after = scrape();
        assertThat(delta(
                        before,
                        after,
                        "http_server_requests_seconds_count",
                        "function=\"manipulate\"",
                        "problem=\"body-too-large\""))
                .isEqualTo(1);
        // The deployment's own function (this test's default, searchManipulate) takes what is sent to "/".
        assertThat(delta(
                        before,
                        after,
                        "http_server_requests_seconds_count",
                        "function=\"searchManipulate\"",
                        "problem=\"body-too-large\""))
                .isEqualTo(1);
    }

    @Test
    void providerCallsRetriesCacheAndCircuitStateAreMeasured() {
        searxng.stubFor(get(urlPathEqualTo("/search"))
                .inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(502))
                .willSetStateTo("recovered"));
        searxng.stubFor(get(urlPathEqualTo("/search"))
                .inScenario("flaky")
                .whenScenarioStateIs("recovered")
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(Fixtures.read("searxng/search-knative.json"))));
        String before = scrape();

        Response first = http().post("/v2/search", "text/plain", "application/json", "retried once then cached");
        Response second = http().post("/v2/search", "text/plain", "application/json", "retried once then cached");

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        String after = scrape();
        assertThat(delta(before, after, "portafunc_search_calls_seconds_count", "outcome=\"success\""))
                .isEqualTo(1);
        assertThat(delta(before, after, "portafunc_search_calls_seconds_count", "outcome=\"rejected\""))
                .isEqualTo(1);
        assertThat(delta(before, after, "portafunc_search_retries_total", "provider=\"searxng\""))
                .isEqualTo(1);
        assertThat(delta(before, after, "portafunc_search_cache_gets_total", "result=\"hit\""))
                .isEqualTo(1);
        assertThat(delta(before, after, "portafunc_search_cache_gets_total", "result=\"miss\""))
                .isEqualTo(1);
        assertThat(value(after, "portafunc_search_circuit_state", "provider=\"searxng\"", "state=\"closed\""))
                .isEqualTo(1);
        assertThat(value(after, "portafunc_search_circuit_state", "provider=\"searxng\"", "state=\"open\""))
                .isEqualTo(0);
    }

    @Test
    void theScrapeIsOpenMetricsWhenAskedFor() {
        Response response = http().get("/_/metrics", "application/openmetrics-text");

        assertThat(response.contentType()).startsWith("application/openmetrics-text");
        assertThat(response.body()).contains("# EOF");
    }

    static double delta(String before, String after, String name, String... labels) {
        return value(after, name, labels) - value(before, name, labels);
    }
}
