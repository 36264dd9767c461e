package dev.portafunc.platform.function;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portafunc.contract.Http;
import dev.portafunc.contract.Http.Response;
import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Behaviour switched per deployment by configuration alone, through function composition and provider decoration:
 * the ranking (relevance, or the provider's order) and the provider with a fallback chain.
 */
class TogglesTest {

    static final String RESULTS = """
            {"query": "lucene index", "provider": "test", "items": [
              {"title": "First", "link": "https://a.example/1", "snippet": "nothing relevant"},
              {"title": "Second", "link": "https://a.example/2", "snippet": "an index"},
              {"title": "Third", "link": "https://a.example/3", "snippet": "the lucene index"}]}""";

    static final Pattern TITLE = Pattern.compile("\"title\":\"([^\"]+)\"");

    static List<String> titles(String json) {
        return TITLE.matcher(json).results().map(m -> m.group(1)).toList();
    }

    static Http http(int port) {
        return new Http(URI.create("http://127.0.0.1:" + port + "/"));
    }

    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
    class ByDefault {

        @LocalServerPort
        int port;

        @Test
        void manipulateRanksByRelevanceEverywhere() {
            for (String path : List.of("/v2/manipulate", "/manipulate", "/search%7Cmanipulate")) {
                Response response = path.startsWith("/search")
                        ? http(port).post(path, "text/plain", "application/json", "lucene index")
                        : http(port).post(path, "application/json", "application/json", RESULTS);

                assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(200);
                if (!path.startsWith("/search")) {
                    assertThat(titles(response.body())).as(path).containsExactly("Third", "Second", "First");
                }
            }
        }

        @Test
        void theRankingStepItselfIsNotReachable() {
            for (String path : List.of("/relevance", "/manipulate%7Crelevance", "/v2/relevance", "/relevance/x")) {
                Response response = http(port).post(path, "application/json", "application/json", RESULTS);

                assertThat(response.status()).as(path).isEqualTo(404);
            }
        }
    }

    @Nested
    @SpringBootTest(
            webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = "portafunc.functions.compositions.manipulate=manipulate")
    class ProviderOrder {

        @LocalServerPort
        int port;

        @Test
        void oneSettingKeepsTheProvidersOrderOnEveryRoute() {
            for (String path : List.of("/v2/manipulate", "/manipulate")) {
                Response response = http(port).post(path, "application/json", "application/json", RESULTS);

                assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(200);
                assertThat(titles(response.body())).as(path).containsExactly("First", "Second", "Third");
            }
        }

        @Test
        void searchManipulateFollowsTheSameSetting() {
            Response digest = http(port).post("/v2/searchManipulate", "text/plain", "application/json", "lucene");
            Response searched = http(port).post("/v2/search", "text/plain", "application/json", "lucene");

            assertThat(titles(digest.body())).isNotEmpty().isEqualTo(titles(searched.body()));
        }
    }

    @Nested
    @SpringBootTest(
            webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {
                "portafunc.search.provider=searxng,local",
                "portafunc.search.searxng.url=http://127.0.0.1:9/",
                "portafunc.search.searxng.connect-timeout=200ms",
                "portafunc.search.resilience.max-attempts=1"
            })
    class FallbackChain {

        @LocalServerPort
        int port;

        @Test
        void whenTheFirstProviderFailsTheNextAnswersAndTheMetricsSaySo() {
            Response response = http(port).post("/v2/search", "text/plain", "application/json", "apache lucene");

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).contains("\"provider\":\"local\"");
            assertThat(http(port).get("/_/metrics", "text/plain").body())
                    .containsPattern("portafunc_search_fallbacks_total\\{from=\"searxng\",to=\"local\"} [1-9]");
        }
    }
}
