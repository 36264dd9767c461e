package dev.portafunc.platform.cloudevents;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.portafunc.contract.Http;
import dev.portafunc.contract.Http.Response;
import dev.portafunc.testing.Fixtures;
import dev.portafunc.testing.WithGoogleStandIn;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each problem a CloudEvent's delivery can meet, answered to an event in binary mode with its status and type, on the
 * side of Knative Eventing's retries the table in {@code deploy/knative/README.md} puts it: a final one (a 4xx Eventing
 * does not retry) is remembered, so its duplicate is answered without another invocation; one Eventing retries is not,
 * so the retry calls the function (and the provider) again. Google is played by WireMock with its recorded errors;
 * {@code explode} ({@code LambdaTestApplication}) fails as nobody planned.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.cloud.function.definition=search",
            "portafunc.functions.exposed=search,manipulate,searchManipulate,explode",
            "portafunc.search.provider=google",
            "portafunc.search.google.api-key=AIzaTEST-not-a-real-key",
            "portafunc.search.google.engine-id=0123456789abcdef0",
            "portafunc.search.google.read-timeout=400ms",
            "portafunc.search.google.calls-per-second=0",
            "portafunc.search.resilience.cache-ttl=0",
            "portafunc.search.resilience.max-attempts=1"
        })
class CloudEventsRetriesTest extends WithGoogleStandIn {

    /**
     * One row of the table: a problem, its status, whether Eventing retries it, and how to meet it.
     *
     * @param remembered whether a duplicate gets the reply again without another invocation: every final problem, but
     *     for a body too large, answered before the event is read
     * @param google Google's answer, or null when the event never reaches Google
     */
    record Row(
            String type,
            int status,
            boolean retried,
            boolean remembered,
            String path,
            String contentType,
            String accept,
            String body,
            ResponseDefinitionBuilder google) {

        @Override
        public String toString() {
            return type + " " + status;
        }
    }

    static ResponseDefinitionBuilder google(int status, String fixture) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json; charset=UTF-8")
                .withBody(Fixtures.read(fixture));
    }

    static final String JSON = "application/json";

    static Stream<Row> rows() {
        return Stream.of(
                new Row("invalid-input", 400, false, true, "/search", JSON, null, "{\"query\":\"  \"}", null),
                new Row("malformed-body", 400, false, true, "/search", JSON, null, "{\"query\":", null),
                new Row("not-acceptable", 406, false, true, "/search", JSON, "image/png", "{\"query\":\"q\"}", null),
                new Row(
                        "body-too-large",
                        413,
                        false,
                        false,
                        "/search",
                        "text/plain",
                        null,
                        "a".repeat(70 * 1024),
                        null),
                new Row("unsupported-media-type", 415, false, true, "/search", "application/xml", null, "<q/>", null),
                new Row("not-found", 404, true, false, "/nosuch", JSON, null, "{\"query\":\"q\"}", null),
                new Row("internal", 500, true, false, "/explode", JSON, null, "{\"query\":\"q\"}", null),
                new Row(
                        "provider-rejected",
                        502,
                        true,
                        false,
                        "/search",
                        JSON,
                        null,
                        "{\"query\":\"wrong key\"}",
                        google(400, "google/error-400-key-invalid.json")),
                new Row(
                        "provider-closed",
                        502,
                        true,
                        false,
                        "/search",
                        JSON,
                        null,
                        "{\"query\":\"closed\"}",
                        google(403, "google/error-403-no-access.json")),
                new Row(
                        "provider-unavailable",
                        503,
                        true,
                        false,
                        "/search",
                        JSON,
                        null,
                        "{\"query\":\"outage\"}",
                        google(503, "google/error-500.json").withHeader("Retry-After", "12")),
                new Row(
                        "quota-exceeded",
                        503,
                        true,
                        false,
                        "/search",
                        JSON,
                        null,
                        "{\"query\":\"spent\"}",
                        google(429, "google/error-429-per-day.json")),
                new Row(
                        "provider-timeout",
                        504,
                        true,
                        false,
                        "/search",
                        JSON,
                        null,
                        "{\"query\":\"slow\"}",
                        google(200, "google/search-serverless.json").withFixedDelay(1500)));
    }

    @Autowired
    MeterRegistry meters;

    @AfterEach
    void resetGoogle() {
        google.resetAll();
    }

    Http http() {
        return new Http(URI.create("http://127.0.0.1:" + port + "/"));
    }

    static HttpRequest.Builder binaryEvent(URI uri, String id, String contentType, String body) {
        return HttpRequest.newBuilder(uri)
                .header("Content-Type", contentType)
                .header("ce-specversion", "1.0")
                .header("ce-id", id)
                .header("ce-type", "com.example.search.requested")
                .header("ce-source", "/apis/v1/namespaces/default/brokers/default")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    double duplicates() {
        return meters.get(DuplicateEvents.METRIC)
                .tag("mode", "binary")
                .counter()
                .count();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void eachProblemIsAnsweredWithItsStatusOnTheRightSideOfEventingsRetries(Row row) {
        if (row.google() != null) {
            google.stubFor(get(urlPathEqualTo("/customsearch/v1")).willReturn(row.google()));
        }
        URI uri = URI.create("http://127.0.0.1:" + port + row.path());
        String id = UUID.randomUUID().toString();
        double before = duplicates();

        Response response = http().send(binaryEvent(uri, id, row.contentType(), row.body()), row.accept());
        Response again = http().send(binaryEvent(uri, id, row.contentType(), row.body()), row.accept());

        assertThat(response.status()).as(response.body()).isEqualTo(row.status());
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(JsonMapper.shared().readTree(response.body()).get("type").asString())
                .isEqualTo("urn:portafunc:problem:" + row.type());
        assertThat(response.header("ce-id")).as("a problem is no reply event").isNull();
        assertThat(CloudEvents.isRetried(response.status())).isEqualTo(row.retried());
        assertThat(again.status()).isEqualTo(row.status());
        assertThat(duplicates() - before)
                .as(row.remembered() ? "a final problem is remembered" : "a retry is answered afresh")
                .isEqualTo(row.remembered() ? 1 : 0);
        if (row.google() != null) {
            google.verify(2, getRequestedFor(urlPathEqualTo("/customsearch/v1")));
        }
    }

    /** The table in the Knative README lists exactly the rows tested here and in {@link CloudEventsRateLimitTest}. */
    @Test
    void theKnativeReadmesTableListsTheRowsTested() throws IOException {
        List<String> documented = new ArrayList<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(Path.of("../../deploy/knative/README.md"))) {
            if (line.startsWith("| problem type")) {
                inTable = true;
            } else if (inTable && line.startsWith("| `")) {
                String[] cells = line.split("\\|");
                documented.add(cells[1].strip().replace("`", "") + " "
                        + cells[2].strip().substring(0, 3) + " "
                        + cells[3].strip().startsWith("yes"));
            } else if (inTable && !line.startsWith("|")) {
                break;
            }
        }
        List<String> tested = new ArrayList<>(rows().map(row -> row.type() + " " + row.status() + " " + row.retried())
                .toList());
        tested.add("too-many-requests 429 true");

        assertThat(documented).containsExactlyInAnyOrderElementsOf(tested);
    }

    @Test
    void anUpstreamOutageAsksEventingToWaitWithRetryAfter() {
        google.stubFor(get(urlPathEqualTo("/customsearch/v1"))
                .willReturn(google(503, "google/error-500.json").withHeader("Retry-After", "12")));
        Response outage = http().send(
                        binaryEvent(
                                URI.create("http://127.0.0.1:" + port + "/search"),
                                UUID.randomUUID().toString(),
                                JSON,
                                "{\"query\":\"outage again\"}"),
                        null);
        google.stubFor(
                get(urlPathEqualTo("/customsearch/v1")).willReturn(google(429, "google/error-429-per-day.json")));
        Response spent = http().send(
                        binaryEvent(
                                URI.create("http://127.0.0.1:" + port + "/search"),
                                UUID.randomUUID().toString(),
                                JSON,
                                "{\"query\":\"spent again\"}"),
                        null);

        assertThat(outage.header("Retry-After")).isEqualTo("12");
        assertThat(Long.parseLong(spent.header("Retry-After")))
                .as("until midnight Pacific Time")
                .isPositive();
    }

    @Test
    void aBatchOfEventsIsRefusedAsOneRequestIsOneInvocation() {
        String batch = "[{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/x\",\"type\":\"t\","
                + "\"data\":{\"query\":\"lucene\"}}]";

        Response response = http().post("/search", "application/cloudevents-batch+json", null, batch);

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.body()).contains("urn:portafunc:problem:unsupported-media-type", "batch mode");
        assertThat(CloudEvents.isRetried(415)).isFalse();
    }
}
