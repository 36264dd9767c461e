package dev.portafunc.search.remote;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.portafunc.search.ProviderException;
import dev.portafunc.search.ProviderException.Reason;
import dev.portafunc.search.SearchRequest;
import dev.portafunc.search.SearchResults;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RemoteSearchClientTest {

    @RegisterExtension
    static WireMockExtension search = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    RemoteSearchClient client() {
        return new RemoteSearchClient(
                URI.create(search.baseUrl() + "/v2/search"), Duration.ofSeconds(1), Duration.ofMillis(500));
    }

    @Test
    void searchPostsTheRequestAsJsonAndReadsTheResults() {
        search.stubFor(post(urlEqualTo("/v2/search"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                                {"query":"lucene","provider":"local","totalResults":1,"searchTimeMs":3,
                                 "items":[{"title":"Apache Lucene","link":"https://lucene.apache.org/",
                                 "displayLink":"lucene.apache.org","snippet":"A search library","htmlSnippet":null}]}
                                """)));

        SearchResults results = client().search(SearchRequest.of("lucene").validated());

        assertThat(results.provider()).isEqualTo("local");
        assertThat(results.items())
                .singleElement()
                .satisfies(i -> assertThat(i.title()).isEqualTo("Apache Lucene"));
        search.verify(postRequestedFor(urlEqualTo("/v2/search"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"query\":\"lucene\",\"count\":10,\"start\":1}", true, true)));
    }

    @Test
    void searchWhenTheRemoteFunctionIsUnavailableKeepsItsRetryAfter() {
        search.stubFor(post(urlEqualTo("/v2/search"))
                .willReturn(aResponse()
                        .withStatus(503)
                        .withHeader("Retry-After", "5")
                        .withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"title\":\"Provider unavailable\",\"status\":503}")));

        assertThatThrownBy(() -> client().search(SearchRequest.of("lucene").validated()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(5));
                });
    }

    @Test
    void searchWhenTheRemoteFunctionTimesOutIsATimeout() {
        search.stubFor(post(urlEqualTo("/v2/search")).willReturn(aResponse().withStatus(504)));

        assertThatThrownBy(() -> client().search(SearchRequest.of("lucene").validated()))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT));
    }

    @Test
    void searchWhenTheRemoteFunctionIsUnreachableIsUnavailable() {
        RemoteSearchClient client = new RemoteSearchClient(
                URI.create("http://127.0.0.1:9/search"), Duration.ofMillis(500), Duration.ofMillis(500));

        assertThatThrownBy(() -> client.search(SearchRequest.of("lucene").validated()))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE));
    }
}
