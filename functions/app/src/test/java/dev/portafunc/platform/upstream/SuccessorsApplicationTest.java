package dev.portafunc.platform.upstream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.portafunc.contract.Http;
import dev.portafunc.contract.Http.Response;
import dev.portafunc.testing.Fixtures;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application on Google's successors, each played by WireMock with the shapes of its real answers: Vertex AI
 * Search and the Brave Search API as providers, Google past its end date skipped without a call, and readiness that
 * fails only for what can never work.
 */
class SuccessorsApplicationTest {

    static final String SERVING_CONFIG =
            "projects/portafunc-test/locations/global/collections/default_collection/engines/site/servingConfigs/"
                    + "default_search";

    @RegisterExtension
    static WireMockExtension upstream = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("portafunc.search.vertex.root-url", upstream::baseUrl);
        registry.add("portafunc.search.brave.root-url", upstream::baseUrl);
        registry.add("portafunc.search.google.root-url", () -> upstream.baseUrl() + "/");
        registry.add("portafunc.search.searxng.url", upstream::baseUrl);
    }

    static Http http(int port) {
        return new Http(URI.create("http://127.0.0.1:" + port + "/"));
    }

    @Nested
    @SpringBootTest(
            webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {
                "portafunc.search.provider=vertex",
                "portafunc.search.vertex.serving-config=" + SERVING_CONFIG,
                "portafunc.search.vertex.api-key=vertex-test-key"
            })
    class OnVertexAiSearch {

        @LocalServerPort
        int port;

        @Test
        void searchGoesToSearchLiteWithTheKeyInAHeader() {
            upstream.stubFor(post(urlPathEqualTo("/v1/" + SERVING_CONFIG + ":searchLite"))
                    .willReturn(aResponse()
                            .withHeader("Content-Type", "application/json")
                            .withBody(Fixtures.read("vertex/search-website.json"))));

            Response response = http(port).post("/v2/search", "text/plain", "application/json", "knative serving");

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).contains("\"provider\":\"vertex\"");
            upstream.verify(postRequestedFor(urlPathEqualTo("/v1/" + SERVING_CONFIG + ":searchLite"))
                    .withHeader("x-goog-api-key", equalTo("vertex-test-key")));
            assertThat(upstream.findAll(anyRequestedFor(anyUrl())))
                    .allSatisfy(call -> assertThat(call.getUrl()).doesNotContain("vertex-test-key"));
        }

        @Test
        void aSiteVertexCannotHonourIsA400() {
            Response response = http(port)
                    .post("/v2/search", "application/json", null, "{\"query\":\"knative\",\"site\":\"knative.dev\"}");

            assertThat(response.status()).as(response.body()).isEqualTo(400);
            assertThat(response.body()).contains("\"field\":\"site\"");
        }
    }

    @Nested
    @SpringBootTest(
            webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {"portafunc.search.provider=brave", "portafunc.search.brave.api-key=brave-test-token"})
    class OnBrave {

        @LocalServerPort
        int port;

        @Test
        void searchGoesToBraveWithTheTokenInAHeader() {
            upstream.stubFor(get(urlPathEqualTo("/res/v1/web/search"))
                    .willReturn(aResponse()
                            .withHeader("Content-Type", "application/json")
                            .withBody(Fixtures.read("brave/search-page-of-10.json"))));

            Response response = http(port).post("/v2/search", "text/plain", "application/json", "knative serving");

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).contains("\"provider\":\"brave\"");
            upstream.verify(getRequestedFor(urlPathEqualTo("/res/v1/web/search"))
                    .withHeader("X-Subscription-Token", equalTo("brave-test-token")));
        }
    }

    @Nested
    @SpringBootTest(
            webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {
                "portafunc.search.provider=google,brave",
                "portafunc.search.google.api-key=AIza-test",
                "portafunc.search.google.engine-id=cx",
                "portafunc.search.google.end-date=2020-01-01",
                "portafunc.search.brave.api-key=brave-test-token"
            })
    class GooglePastItsEndDate {

        @LocalServerPort
        int port;

        @Test
        void isSkippedWithoutACallAndTheNextProviderAnswers() {
            upstream.stubFor(get(urlPathEqualTo("/res/v1/web/search"))
                    .willReturn(aResponse()
                            .withHeader("Content-Type", "application/json")
                            .withBody(Fixtures.read("brave/search-page-of-10.json"))));

            Response response = http(port).post("/v2/search", "text/plain", "application/json", "knative serving");

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).contains("\"provider\":\"brave\"");
            upstream.verify(0, getRequestedFor(urlPathEqualTo("/customsearch/v1")));
            assertThat(http(port).get("/_/ready", null).status()).isEqualTo(200);
        }
    }

    @Nested
    @SpringBootTest(
            webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {
                "portafunc.search.provider=google",
                "portafunc.search.google.api-key=AIza-test",
                "portafunc.search.google.engine-id=cx",
                "portafunc.search.google.end-date=2020-01-01"
            })
    class GoogleAlonePastItsEndDate {

        @LocalServerPort
        int port;

        @Test
        void isNotReadyAndSearchesSayWhy() {
            Response ready = http(port).get("/_/ready", null);
            Response search = http(port).post("/v2/search", "text/plain", "application/json", "knative");

            assertThat(ready.status()).isEqualTo(503);
            assertThat(search.status()).as(search.body()).isEqualTo(502);
            assertThat(search.body()).contains("urn:portafunc:problem:provider-closed", "2020-01-01");
            upstream.verify(0, getRequestedFor(urlPathEqualTo("/customsearch/v1")));
        }
    }

    @Nested
    @SpringBootTest(
            webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = "portafunc.search.provider=searxng")
    class SearxngWithoutItsJsonApi {

        @LocalServerPort
        int port;

        @Test
        void isFoundOutAtStartAndNotReadyAndSaysWhatToEnable() throws InterruptedException {
            upstream.stubFor(get(urlPathEqualTo("/search"))
                    .willReturn(aResponse()
                            .withStatus(403)
                            .withHeader("Content-Type", "text/html")
                            .withBody(Fixtures.read("searxng/error-403-json-format-off.html"))));

            Response search = http(port).post("/v2/search", "text/plain", "application/json", "knative");
            Response ready = awaitNotReady();

            assertThat(search.status()).as(search.body()).isEqualTo(502);
            assertThat(search.body()).contains("enable json under search.formats in settings.yml");
            assertThat(ready.status()).isEqualTo(503);
        }

        private Response awaitNotReady() throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            Response ready = http(port).get("/_/ready", null);
            while (ready.status() == 200 && System.nanoTime() < deadline) {
                Thread.sleep(100);
                ready = http(port).get("/_/ready", null);
            }
            return ready;
        }
    }
}
