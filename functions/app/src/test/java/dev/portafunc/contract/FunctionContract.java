package dev.portafunc.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portafunc.contract.Http.Response;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP contract of the functions, written once and run against every way portafunc is started: the application
 * on a random port, the built jar, the container image. Both edges are covered: Spring Cloud Function's own routes
 * ({@code POST /}, {@code /search}, ...) and the versioned API ({@code /v2/...}). The deployment's function is
 * {@code searchManipulate} on the local provider.
 */
public abstract class FunctionContract {

    protected static final String JSON = "application/json";
    protected static final String TEXT = "text/plain";
    protected static final JsonMapper MAPPER = JsonMapper.shared();

    protected Http http;

    /** Where the application under test listens. */
    protected abstract URI baseUri();

    @BeforeEach
    void client() {
        http = new Http(baseUri());
    }

    protected static JsonNode json(Response response) {
        return MAPPER.readTree(response.body());
    }

    protected static void assertProblem(Response response, int status, String type, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.get("type").asString()).isEqualTo("urn:portafunc:problem:" + type);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("detail").asString()).isNotBlank();
        if (field != null) {
            assertThat(problem.get("field").asString()).isEqualTo(field);
        }
        assertThat(response.body()).doesNotContain("Exception", "\tat ", "java.", "springframework");
    }

    // --- the functions, on both edges ---

    @ParameterizedTest
    @ValueSource(strings = {"", "/v2"})
    void searchTakesAJsonRequest(String edge) {
        Response response = http.post(edge + "/search", JSON, JSON, "{\"query\":\"apache lucene\",\"count\":3}");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.contentType()).startsWith(JSON);
        JsonNode results = json(response);
        assertThat(results.get("provider").asString()).isEqualTo("local");
        assertThat(results.get("query").asString()).isEqualTo("apache lucene");
        assertThat(results.get("items")).hasSize(3);
        assertThat(results.get("items").get(0).get("title").asString()).isEqualTo("Apache Lucene");
        assertThat(results.get("items").get(0).get("link").asString()).isEqualTo("https://lucene.apache.org/");
        assertThat(results.get("nextStart").asInt()).isEqualTo(4);
        assertThat(results.get("searchTimeMs").isNumber()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/v2"})
    void searchTakesAPlainTextBodyAsTheQuery(String edge) {
        Response response = http.post(edge + "/search", TEXT, JSON, "knative serving");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode results = json(response);
        assertThat(results.get("query").asString()).isEqualTo("knative serving");
        assertThat(results.get("items")).hasSize(10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/v2"})
    void manipulateGivenResultsWorksOnThem(String edge) {
        String results = """
                {"query":"café","provider":"test","items":[
                 {"title":"<b>Café</b> &amp; co","link":"javascript:alert(1)","displayLink":"a.example","snippet":"un café"},
                 {"title":"Other","link":"https://b.example/","displayLink":"b.example","snippet":"nothing"}]}
                """;

        Response response = http.post(edge + "/manipulate", JSON, JSON, results);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode digest = json(response);
        assertThat(digest.get("provider").asString()).isEqualTo("test");
        JsonNode first = digest.get("items").get(0);
        assertThat(first.get("title").asString()).isEqualTo("Café & co");
        assertThat(first.has("url")).isFalse();
        assertThat(first.get("html").asString()).isEqualTo("un <mark>café</mark>");
        assertThat(first.get("score").asDouble()).isEqualTo(1.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/v2"})
    void manipulateGivenOnlyAQueryFetchesTheResults(String edge) {
        Response json = http.post(edge + "/manipulate", JSON, JSON, "{\"query\":\"lucene\"}");
        Response text = http.post(edge + "/manipulate", TEXT, JSON, "lucene");

        for (Response response : new Response[] {json, text}) {
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            JsonNode digest = json(response);
            assertThat(digest.get("provider").asString()).isEqualTo("local");
            assertThat(digest.get("items").get(0).get("html").asString()).contains("<mark>Lucene</mark>");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/v2"})
    void searchManipulateComposesBoth(String edge) {
        Response response = http.post(edge + "/searchManipulate", JSON, JSON, "{\"query\":\"cold start\",\"count\":5}");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode digest = json(response);
        assertThat(digest.get("query").asString()).isEqualTo("cold start");
        assertThat(digest.get("items").size()).isBetween(1, 5);
        assertThat(digest.get("items").get(0).get("score").asDouble()).isEqualTo(1.0);
    }

    @Test
    void aCompositionInThePathIsComposedBySpringCloudFunction() {
        Response response = http.post("/search%7Cmanipulate", TEXT, "text/plain", "lucene");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).startsWith("Results for \"lucene\"");
    }

    @Test
    void functionRoutesDoNotReflectTheCallersHeaders() {
        Response response = http.send(
                java.net.http.HttpRequest.newBuilder(baseUri().resolve("/search"))
                        .header("Content-Type", TEXT)
                        .header("X-Forwarded-For", "203.0.113.9")
                        .header("Origin", "http://evil.example")
                        .header("X-Call-Id", "call-1")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("lucene")),
                JSON);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("x-forwarded-for")).isNull();
        assertThat(response.header("origin")).isNull();
        assertThat(response.header("user-agent")).isNull();
        assertThat(response.header("X-Call-Id")).isEqualTo("call-1");
    }

    @Test
    void rootRunsTheDeployedFunction() {
        Response response = http.post("/", TEXT, JSON, "scale to zero");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode digest = json(response);
        assertThat(digest.get("items").get(0).has("html")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/v2"})
    void manipulateAnswersInTheFormatAccepted(String edge) {
        Response html = http.post(edge + "/manipulate", TEXT, "text/html", "lucene");
        Response markdown = http.post(edge + "/manipulate", TEXT, "text/markdown", "lucene");
        Response plain = http.post(edge + "/manipulate", TEXT, "text/plain", "lucene");
        Response preferred = http.post(edge + "/manipulate", TEXT, "text/markdown;q=0.5, text/html", "lucene");
        Response anything = http.post(edge + "/manipulate", TEXT, "*/*", "lucene");

        assertThat(html.contentType()).startsWith("text/html");
        assertThat(html.body())
                .startsWith("<section class=\"portafunc-digest\">")
                .contains("<mark>Lucene</mark>");
        assertThat(markdown.contentType()).startsWith("text/markdown");
        assertThat(markdown.body()).startsWith("## Results for lucene");
        assertThat(plain.contentType()).startsWith("text/plain");
        assertThat(plain.body()).startsWith("Results for \"lucene\"");
        assertThat(preferred.contentType()).startsWith("text/html");
        assertThat(anything.contentType()).startsWith(JSON);
    }

    /** JSON comes out the same, body and headers, for no {@code Accept}, any type, JSON, and JSON among others. */
    @ParameterizedTest
    @ValueSource(strings = {"", "/v2"})
    void jsonIsTheSameHoweverItIsAskedFor(String edge) {
        String results = """
                {"query":"knative zero","provider":"test","totalResults":2,"searchTimeMs":7,"items":[
                 {"title":"<b>Knative</b> &amp; zero","link":"https://a.example/x?y=1#z","displayLink":"a.example",
                  "snippet":"<p>Scale to <i>zero</i> \u00e9t\u00e9 \\"quoted\\" \u2028</p>"}]}
                """;
        Response negotiated = http.post(edge + "/manipulate", JSON, "application/json;q=0.9, text/csv;q=0.1", results);
        assertThat(negotiated.status()).as(negotiated.body()).isEqualTo(200);
        for (String accept : new String[] {null, "*/*", JSON}) {
            Response response = http.post(edge + "/manipulate", JSON, accept, results);
            assertThat(response.status()).as(accept).isEqualTo(200);
            assertThat(response.contentType()).as(accept).isEqualTo(negotiated.contentType());
            assertThat(response.body()).as(accept).isEqualTo(negotiated.body());
            assertThat(headerNames(response)).as(accept).isEqualTo(headerNames(negotiated));
        }
    }

    private static Set<String> headerNames(Response response) {
        Set<String> names = new TreeSet<>(response.headers().map().keySet());
        names.remove("date");
        return names;
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/v2"})
    void anUnacceptableFormatIs406(String edge) {
        assertProblem(http.post(edge + "/manipulate", TEXT, "image/png", "lucene"), 406, "not-acceptable", null);
    }

    // --- the monolith's contract ---

    @Test
    void v1PageHasTheFormPrefilledAndTheResultsBelow() {
        Response response = http.get("/v1/cold%20start", "text/html");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/html");
        assertThat(response.body())
                .startsWith("<!DOCTYPE html>")
                .contains("<form action=\"/v1\" method=\"get\"")
                .contains("value=\"cold start\"")
                .contains("<mark>cold</mark>")
                .contains("<a href=\"/?q=cold+start\">");
        assertThat(response.body().indexOf("<form")).isLessThan(response.body().indexOf("portafunc-digest"));
    }

    @Test
    void v1PageEscapesTheText() {
        Response response = http.get("/v1/%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E", "text/html");

        assertThat(response.body()).doesNotContain("<script>").contains("&quot;&gt;&lt;script&gt;");
    }

    @Test
    void v1FormSubmissionShowsThePage() {
        Response response = http.get("/v1?q=lucene", "text/html");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("value=\"lucene\"").contains("<mark>Lucene</mark>");
    }

    @Test
    void v1SearchReturnsJson() {
        Response response = http.get("/v1/search/lucene", JSON);

        assertThat(response.status()).isEqualTo(200);
        assertThat(json(response).get("items").get(0).get("title").asString()).isEqualTo("Apache Lucene");
    }

    @Test
    void v1ManipulateReturnsTheHtmlFragment() {
        Response response = http.get("/v1/manipulate/lucene", "text/html");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/html");
        assertThat(response.body())
                .startsWith("<section class=\"portafunc-digest\">")
                .doesNotContain("<html");
    }

    @Test
    void v1PageForABlankQueryShowsTheProblem() {
        Response response = http.get("/v1/%20", "text/html");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("<form").contains("query must not be empty");
    }

    // --- platform contracts: probes, call id, proxies, CloudEvents ---

    @Test
    void healthAndReadinessAreOkOnceServing() {
        Response health = http.get("/_/health", null);
        Response ready = http.get("/_/ready", null);

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("OK");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("OK");
        assertThat(http.post("/_/health", TEXT, null, "x").status()).isEqualTo(405);
    }

    /**
     * A platform's proxy (Knative's queue-proxy, OpenFaaS's watchdog or gateway) sends request after request over the
     * connections it keeps: the server does not close one after a number of requests (Tomcat's default: 100), which
     * made every hundredth request pay for a new connection.
     */
    @Test
    void aConnectionStaysOpenRequestAfterRequest() throws IOException {
        try (Socket socket = new Socket(baseUri().getHost(), baseUri().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            for (int i = 1; i <= 250; i++) {
                out.write("GET /_/health HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String status = readLine(in);
                int length = -1;
                boolean close = false;
                for (String header = readLine(in); !header.isEmpty(); header = readLine(in)) {
                    String name = header.substring(0, header.indexOf(':')).strip();
                    String value = header.substring(header.indexOf(':') + 1).strip();
                    if (name.equalsIgnoreCase("Content-Length")) {
                        length = Integer.parseInt(value);
                    }
                    close |= name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close");
                }
                assertThat(status).as("response %d", i).startsWith("HTTP/1.1 200");
                assertThat(close).as("response %d says Connection: close", i).isFalse();
                assertThat(length).as("response %d has a Content-Length", i).isEqualTo(2);
                in.readFully(new byte[length]);
            }
        }
    }

    /**
     * A function's answer goes out whole, with its length, not as a chunked body whose end follows in a second packet:
     * the proxy in front (Knative's queue-proxy, OpenFaaS's gateway) is woken once per answer.
     */
    @ParameterizedTest
    @ValueSource(strings = {"/v2/manipulate", "/manipulate", "/v2/searchManipulate", "/"})
    void anAnswerGoesOutWholeWithItsLength(String path) {
        Response response = http.post(path, JSON, JSON, "{\"query\":\"knative scale zero\"}");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertWhole(response);
    }

    @Test
    void aProblemGoesOutWholeWithItsLength() {
        Response response = http.post("/v2/search", JSON, JSON, "{\"query\":\"\"}");

        assertProblem(response, 400, "invalid-input", "query");
        assertWhole(response);
    }

    private static void assertWhole(Response response) {
        assertThat(response.header("Transfer-Encoding")).isNull();
        assertThat(response.header("Content-Length"))
                .isEqualTo(String.valueOf(response.body().getBytes(StandardCharsets.UTF_8).length));
    }

    private static String readLine(DataInputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("the connection was closed after: " + line);
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/search", "/v2/search"})
    void theOpenFaasCallIdComesBack(String path) {
        Response response = http.send(
                java.net.http.HttpRequest.newBuilder(baseUri().resolve(path))
                        .header("Content-Type", TEXT)
                        .header("X-Call-Id", "7d4d5c2e-b4a1-4a6e-9d0c-1f2e3d4c5b6a")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("lucene")),
                JSON);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().allValues("X-Call-Id")).containsExactly("7d4d5c2e-b4a1-4a6e-9d0c-1f2e3d4c5b6a");
    }

    @Test
    void absoluteUrlsFollowTheProxysForwardedHeaders() {
        Response xForwarded = http.send(
                java.net.http.HttpRequest.newBuilder(baseUri().resolve("/v1/lucene"))
                        .header("X-Forwarded-Proto", "https")
                        .header("X-Forwarded-Host", "search.example.org")
                        .GET(),
                "text/html");
        Response forwarded = http.send(
                java.net.http.HttpRequest.newBuilder(baseUri().resolve("/v1/lucene"))
                        .header("Forwarded", "proto=https;host=functions.example.net")
                        .GET(),
                "text/html");

        assertThat(xForwarded.body())
                .contains("<link rel=\"canonical\" href=\"https://search.example.org/v1/lucene\">");
        assertThat(forwarded.body())
                .contains("<link rel=\"canonical\" href=\"https://functions.example.net/v1/lucene\">");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/manipulate", "/searchManipulate"})
    void aBinaryCloudEventIsAnsweredWithANewCloudEvent(String path) {
        Response response = http.send(
                java.net.http.HttpRequest.newBuilder(baseUri().resolve(path))
                        .header("Content-Type", JSON)
                        .header("ce-specversion", "1.0")
                        .header("ce-id", "incoming-42")
                        .header("ce-type", "com.example.search.requested")
                        .header("ce-source", "/apis/v1/namespaces/default/pingsources/ping")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"query\":\"knative eventing\"}")),
                JSON);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().allValues("ce-id")).singleElement().isNotEqualTo("incoming-42");
        assertThat(response.headers().allValues("ce-type")).containsExactly("dev.portafunc.manipulate.digest");
        assertThat(response.headers().allValues("ce-source"))
                .singleElement()
                .asString()
                .startsWith("urn:portafunc:");
        assertThat(response.header("ce-specversion")).isEqualTo("1.0");
        assertThat(response.contentType()).startsWith(JSON);
        assertThat(json(response).get("query").asString()).isEqualTo("knative eventing");
    }

    @Test
    void aBinaryCloudEventIntoSearchIsAnsweredWithSearchResults() {
        Response response = http.send(
                java.net.http.HttpRequest.newBuilder(baseUri().resolve("/search"))
                        .header("Content-Type", JSON)
                        .header("ce-specversion", "1.0")
                        .header("ce-id", "incoming-43")
                        .header("ce-type", "com.example.search.requested")
                        .header("ce-source", "/example")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"query\":\"lucene\"}")),
                JSON);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("ce-type")).isEqualTo("dev.portafunc.search.results");
        assertThat(json(response).get("provider").asString()).isEqualTo("local");
    }

    @Test
    void aStructuredCloudEventIsAnsweredWithANewCloudEvent() {
        String event = """
                {"specversion":"1.0","id":"incoming-44","type":"com.example.search.requested",
                 "source":"/example","datacontenttype":"application/json","data":{"query":"knative eventing"}}
                """;

        Response response = http.post("/", "application/cloudevents+json", null, event);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        String type = response.header("ce-type");
        String body = response.body();
        if (type == null) {
            // a structured reply carries its attributes in the body
            JsonNode reply = json(response);
            assertThat(reply.get("id").asString()).isNotEqualTo("incoming-44");
            assertThat(reply.get("type").asString()).isEqualTo("dev.portafunc.manipulate.digest");
            body = reply.get("data").toString();
        } else {
            assertThat(response.header("ce-id")).isNotEqualTo("incoming-44");
            assertThat(type).isEqualTo("dev.portafunc.manipulate.digest");
        }
        assertThat(MAPPER.readTree(body).get("query").asString()).isEqualTo("knative eventing");
    }

    @Test
    void aCloudEventWithBadDataGetsAProblem() {
        Response response = http.send(
                java.net.http.HttpRequest.newBuilder(baseUri().resolve("/"))
                        .header("Content-Type", JSON)
                        .header("ce-specversion", "1.0")
                        .header("ce-id", "incoming-45")
                        .header("ce-type", "com.example.search.requested")
                        .header("ce-source", "/example")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"query\":\"\"}")),
                JSON);

        assertProblem(response, 400, "invalid-input", "query");
    }

    // --- bad input: clear, typed, safe ---

    @ParameterizedTest
    @ValueSource(strings = {"", "/v2"})
    void anEmptyQueryIs400(String edge) {
        assertProblem(http.post(edge + "/search", JSON, JSON, "{\"query\":\"  \"}"), 400, "invalid-input", "query");
        assertProblem(http.post(edge + "/search", JSON, JSON, "{}"), 400, "invalid-input", "query");
        assertProblem(http.post(edge + "/manipulate", TEXT, JSON, "   "), 400, "invalid-input", "query");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/v2"})
    void aQueryOverTheLimitIs400(String edge) {
        String query = "a".repeat(2049);
        assertProblem(
                http.post(edge + "/search", JSON, JSON, "{\"query\":\"" + query + "\"}"),
                400,
                "invalid-input",
                "query");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/v2"})
    void pagingOutOfRangeIs400(String edge) {
        assertProblem(
                http.post(edge + "/search", JSON, JSON, "{\"query\":\"x\",\"count\":0}"),
                400,
                "invalid-input",
                "count");
        assertProblem(
                http.post(edge + "/search", JSON, JSON, "{\"query\":\"x\",\"count\":11}"),
                400,
                "invalid-input",
                "count");
        assertProblem(
                http.post(edge + "/search", JSON, JSON, "{\"query\":\"x\",\"start\":0}"),
                400,
                "invalid-input",
                "start");
        assertProblem(
                http.post(edge + "/search", JSON, JSON, "{\"query\":\"x\",\"start\":92}"),
                400,
                "invalid-input",
                "start");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/v2"})
    void malformedJsonIs400(String edge) {
        assertProblem(http.post(edge + "/search", JSON, JSON, "{\"query\": \"x"), 400, "malformed-body", null);
        assertProblem(
                http.post(edge + "/search", JSON, JSON, "{\"query\":\"x\",\"count\":\"ten\"}"),
                400,
                "malformed-body",
                "count");
        assertProblem(
                http.post(edge + "/search", JSON, JSON, "{\"query\":\"x\",\"count\":99999999999999999999}"),
                400,
                "malformed-body",
                "count");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/v2"})
    void anUnsupportedContentTypeIs415(String edge) {
        assertProblem(
                http.post(edge + "/search", "application/xml", JSON, "<q>x</q>"), 415, "unsupported-media-type", null);
        assertProblem(
                http.post(edge + "/search", "application/x-www-form-urlencoded", JSON, "query=x"),
                415,
                "unsupported-media-type",
                null);
        assertProblem(http.post(edge + "/search", null, JSON, "x"), 415, "unsupported-media-type", null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/v2"})
    void aBodyOverTheLimitIs413(String edge) {
        String big = "{\"query\":\"" + "a".repeat(70 * 1024) + "\"}";

        assertProblem(http.post(edge + "/search", JSON, JSON, big), 413, "body-too-large", null);
        assertProblem(
                http.postChunked(edge + "/search", JSON, big.getBytes(StandardCharsets.UTF_8)),
                413,
                "body-too-large",
                null);
    }

    @Test
    void anUnknownFunctionIs404() {
        assertProblem(http.post("/nosuchfunction", TEXT, JSON, "x"), 404, "not-found", null);
        assertProblem(http.post("/v2/nosuchfunction", TEXT, JSON, "x"), 404, "not-found", null);
        assertProblem(http.post("/v3/search", TEXT, JSON, "x"), 404, "not-found", null);
        assertProblem(http.post("/search%7Cnosuch", TEXT, JSON, "x"), 404, "not-found", null);
    }

    @Test
    void aWrongMethodIs405() {
        Response response = http.send(
                java.net.http.HttpRequest.newBuilder(baseUri().resolve("/search"))
                        .DELETE(),
                JSON);

        assertProblem(response, 405, "method-not-allowed", null);
        assertThat(response.header("Allow")).contains("POST");
    }

    @Test
    void v2TakesOneObjectNotAnArray() {
        assertProblem(http.post("/v2/search", JSON, JSON, "[{\"query\":\"x\"}]"), 400, "invalid-input", "body");
    }
}
