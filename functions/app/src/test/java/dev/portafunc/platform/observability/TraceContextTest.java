package dev.portafunc.platform.observability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.portafunc.contract.Http;
import dev.portafunc.contract.Http.Response;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One trace across {@code manipulate}, the deployed {@code search} it calls (WireMock here) and back: the caller's
 * {@code traceparent} (or a CloudEvent's {@code ce-traceparent}) continues onwards, with tracing off as with it on,
 * and with it on the spans reach the OTLP endpoint (WireMock again).
 */
class TraceContextTest {

    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String CALLER = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";
    static final String RESULTS = """
            {"query": "q", "provider": "remote", "totalResults": 1, "searchTimeMs": 3,
             "items": [{"title": "Tracing across functions", "link": "https://a.example/trace",
                        "snippet": "one trace across functions"}]}""";

    @RegisterExtension
    static WireMockExtension search = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @RegisterExtension
    static WireMockExtension collector = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    static void remoteSearch(DynamicPropertyRegistry registry) {
        registry.add("portafunc.search.remote.url", () -> search.baseUrl() + "/v2/search");
    }

    @BeforeEach
    void stubs() {
        search.stubFor(post(urlPathEqualTo("/v2/search"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(RESULTS)));
        collector.stubFor(
                post(urlPathEqualTo("/v1/traces")).willReturn(aResponse().withStatus(200)));
    }

    static Response manipulate(int port, String query, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/manipulate"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(query));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return new Http(URI.create("http://127.0.0.1:" + port + "/")).send(request, "application/json");
    }

    static String traceparentSentOnwards(String query) {
        List<LoggedRequest> calls = search.findAll(postRequestedFor(urlPathEqualTo("/v2/search"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(query)));
        assertThat(calls).hasSize(1);
        return calls.getFirst().getHeader("traceparent");
    }

    @Nested
    @SpringBootTest(
            webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = "spring.cloud.function.definition=manipulate")
    @ExtendWith(OutputCaptureExtension.class)
    class TracingOff {

        @DynamicPropertySource
        static void properties(DynamicPropertyRegistry registry) {
            remoteSearch(registry);
        }

        @LocalServerPort
        int port;

        @Test
        void theCallersTraceContextGoesOnToTheSearchItCalls() {
            Response response = manipulate(port, "off and passed on", "traceparent", CALLER);

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(traceparentSentOnwards("off and passed on")).isEqualTo(CALLER);
            collector.verify(0, postRequestedFor(urlPathEqualTo("/v1/traces")));
        }

        @Test
        void aCloudEventsTraceContextGoesOnToo() {
            Response response = manipulate(
                    port,
                    "cloud event traced",
                    "ce-specversion",
                    "1.0",
                    "ce-id",
                    "1",
                    "ce-type",
                    "dev.portafunc.query",
                    "ce-source",
                    "urn:test",
                    "ce-traceparent",
                    CALLER);

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(traceparentSentOnwards("cloud event traced")).isEqualTo(CALLER);
        }

        @Test
        void aMalformedTraceContextIsNotPassedOn() {
            manipulate(port, "malformed trace", "traceparent", "00-zz-not-a-trace");

            assertThat(traceparentSentOnwards("malformed trace")).isNull();
        }

        @Test
        void theQueryTextIsNotLoggedAtInfo(CapturedOutput output) {
            manipulate(port, "a private thought", "traceparent", CALLER);

            assertThat(output.getAll()).doesNotContain("a private thought");
        }
    }

    @Nested
    @SpringBootTest(
            webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {"spring.cloud.function.definition=manipulate", "portafunc.logging.queries=true"})
    @ExtendWith(OutputCaptureExtension.class)
    class QueriesLogged {

        @DynamicPropertySource
        static void properties(DynamicPropertyRegistry registry) {
            remoteSearch(registry);
        }

        @LocalServerPort
        int port;

        @Test
        void whenConfiguredTheQueryIsLoggedAsJsonWithTheTraceIdAndWhereItRan(CapturedOutput output) {
            manipulate(port, "a logged query", "traceparent", CALLER);

            String line = output.getAll()
                    .lines()
                    .filter(l -> l.contains("a logged query"))
                    .findFirst()
                    .orElseThrow();
            assertThat(line)
                    .startsWith("{")
                    .contains("\"traceId\":\"" + TRACE_ID + "\"")
                    .contains("\"function\":\"manipulate\"")
                    .contains("\"platform\":\"http\"")
                    .contains("\"level\":\"INFO\"")
                    .doesNotContain("\"node\":{}", "\"tags\"");
        }
    }

    @Nested
    @SpringBootTest(
            webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {"spring.cloud.function.definition=manipulate", "portafunc.tracing.service-name=manipulate"})
    class TracingOn {

        @DynamicPropertySource
        static void properties(DynamicPropertyRegistry registry) {
            remoteSearch(registry);
            registry.add("portafunc.tracing.endpoint", () -> collector.baseUrl() + "/v1/traces");
        }

        @LocalServerPort
        int port;

        @Test
        void theSearchCallIsAChildSpanInTheCallersTraceAndTheSpansAreExported() {
            Response response = manipulate(port, "traced end to end", "traceparent", CALLER);

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            TraceParent onwards = TraceParent.parse(traceparentSentOnwards("traced end to end"))
                    .orElseThrow();
            assertThat(onwards.traceId()).isEqualTo(TRACE_ID);
            assertThat(onwards.parentId()).isNotEqualTo("00f067aa0ba902b7");
            assertThat(onwards.sampled()).isTrue();
            byte[] traceId = HexFormat.of().parseHex(TRACE_ID);
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(collector.findAll(postRequestedFor(urlPathEqualTo("/v1/traces"))
                                    .withHeader("Content-Type", equalTo("application/x-protobuf"))))
                            .anySatisfy(export -> assertThat(contains(export.getBody(), traceId))
                                    .isTrue()));
        }

        @Test
        void aNewTraceStartsWhenTheCallerSentNone() {
            manipulate(port, "a trace of its own");

            assertThat(TraceParent.parse(traceparentSentOnwards("a trace of its own")))
                    .isPresent();
        }

        static boolean contains(byte[] haystack, byte[] needle) {
            outer:
            for (int i = 0; i + needle.length <= haystack.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (haystack[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }
    }
}
