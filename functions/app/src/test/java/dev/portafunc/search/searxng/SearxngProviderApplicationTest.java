package dev.portafunc.search.searxng;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.portafunc.contract.Http;
import dev.portafunc.contract.Http.Response;
import dev.portafunc.testing.Fixtures;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The application on the searxng provider, switched with one setting. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "portafunc.search.provider=searxng")
class SearxngProviderApplicationTest {

    @RegisterExtension
    static WireMockExtension searxng = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @DynamicPropertySource
    static void searxngUrl(DynamicPropertyRegistry registry) {
        registry.add("portafunc.search.searxng.url", searxng::baseUrl);
    }

    @LocalServerPort
    int port;

    @Test
    void searchGoesToSearxng() {
        searxng.stubFor(get(urlPathEqualTo("/search"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(Fixtures.read("searxng/search-knative.json"))));

        Response response = new Http(URI.create("http://127.0.0.1:" + port + "/"))
                .post("/v2/search", "text/plain", "application/json", "knative serving");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"provider\":\"searxng\"").contains("site0.example.org");
    }

    @Test
    void searxngRateLimitingIs503WithRetryAfter() {
        searxng.stubFor(get(urlPathEqualTo("/search"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "9")));

        Response response = new Http(URI.create("http://127.0.0.1:" + port + "/"))
                .post("/v2/search", "text/plain", "application/json", "knative serving");

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.header("Retry-After")).isEqualTo("9");
    }
}
