package dev.portafunc.search.google;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portafunc.contract.Http;
import dev.portafunc.contract.Http.Response;
import dev.portafunc.testing.Fixtures;
import dev.portafunc.testing.WithGoogleStandIn;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/** portafunc's own daily budget of Google queries: once spent, a 503 until midnight Pacific, and no paid call. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "portafunc.search.provider=google",
            "portafunc.search.google.api-key=AIza-test",
            "portafunc.search.google.engine-id=cx",
            "portafunc.search.google.daily-quota=5",
            "portafunc.search.resilience.initial-backoff=20ms"
        })
class DailyBudgetApplicationTest extends WithGoogleStandIn {

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
    void theDailyBudgetSpentIs503WithoutCallingGoogle() {
        google.stubFor(get(urlPathEqualTo("/customsearch/v1"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(Fixtures.read("google/search-serverless.json"))));
        for (int i = 0; i < 5; i++) {
            search("budget " + i);
        }
        int paid = google.findAll(getRequestedFor(urlPathEqualTo("/customsearch/v1")))
                .size();

        Response response = search("one too many");

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.body()).contains("urn:portafunc:problem:quota-exceeded");
        assertThat(response.header("Retry-After")).isNotNull();
        assertThat(google.findAll(getRequestedFor(urlPathEqualTo("/customsearch/v1"))))
                .hasSize(paid);
    }
}
