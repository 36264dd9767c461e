package dev.portafunc.search.google;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portafunc.contract.Http;
import dev.portafunc.contract.Http.Response;
import dev.portafunc.testing.Fixtures;
import dev.portafunc.testing.WithGoogleStandIn;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/** Google behind the resilience layer, end to end: retries, the cache and single flight. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "portafunc.search.provider=google",
            "portafunc.search.google.api-key=AIza-test",
            "portafunc.search.google.engine-id=cx",
            "portafunc.search.resilience.initial-backoff=20ms"
        })
class ResilienceApplicationTest extends WithGoogleStandIn {

    Http http;

    @BeforeEach
    void client() {
        http = new Http(URI.create("http://127.0.0.1:" + port + "/"));
    }

    @AfterEach
    void reset() {
        google.resetAll();
    }

    Response search(String query) {
        return http.post("/v2/search", "text/plain", "application/json", query);
    }

    @Test
    void aFailingCallIsRetriedAndTheCallerSeesTheResult() {
        google.stubFor(get(urlPathEqualTo("/customsearch/v1"))
                .inScenario("flaky")
                .whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "0"))
                .willSetStateTo("recovered"));
        google.stubFor(get(urlPathEqualTo("/customsearch/v1"))
                .inScenario("flaky")
                .whenScenarioStateIs("recovered")
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(Fixtures.read("google/search-serverless.json"))));

        Response response = search("retried query");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        google.verify(2, getRequestedFor(urlPathEqualTo("/customsearch/v1")));
    }

    @Test
    void aHotQueryCostsOnePaidCall() throws Exception {
        google.stubFor(get(urlPathEqualTo("/customsearch/v1"))
                .willReturn(aResponse()
                        .withFixedDelay(300)
                        .withHeader("Content-Type", "application/json")
                        .withBody(Fixtures.read("google/search-serverless.json"))));

        List<Future<Response>> responses = new ArrayList<>();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 20; i++) {
                responses.add(callers.submit(() -> search("hot query")));
            }
            for (Future<Response> response : responses) {
                assertThat(response.get().status()).isEqualTo(200);
            }
        }
        assertThat(search("hot query").status()).isEqualTo(200);

        google.verify(1, getRequestedFor(urlPathEqualTo("/customsearch/v1")));
    }
}
