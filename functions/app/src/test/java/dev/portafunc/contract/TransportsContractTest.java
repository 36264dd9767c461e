package dev.portafunc.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portafunc.PortafuncApplication;
import dev.portafunc.platform.lambda.LambdaEvents;
import dev.portafunc.platform.lambda.LambdaEvents.Kind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The same input gets the same outcome on every transport: each case of a hostile corpus goes through every HTTP route
 * that takes it, both CloudEvents modes and every Lambda event shape (inside the proxy response; for a direct
 * invocation, as the function error whose type names the problem), and must be answered with the same status and
 * problem type. No case may answer 500, and none may leave what the caller sent in the logs: each request carries a
 * marker in its body or query, its URL and its headers ({@code Authorization}, {@code Cookie}), and no log line may hold
 * it, at the levels the service ships with and with portafunc's own loggers at DEBUG.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.cloud.function.definition=search", "logging.level.dev.portafunc=debug"})
@ExtendWith(OutputCaptureExtension.class)
class TransportsContractTest {

    static final String MARKER = "mrk" + Long.toHexString(Double.doubleToLongBits(Math.random())) + "kqz";
    static final String JSON = "application/json";
    static final String TEXT = "text/plain";

    /** One input, and the outcome every transport must give it: a status and a problem type (null for success). */
    record Case(String name, String contentType, String body, String accept, int status, String type) {

        Case accepting(String accept) {
            return new Case(name, contentType, body, accept, status, type);
        }

        boolean isJson() {
            return JSON.equals(contentType);
        }
    }

    static List<Case> cases() {
        String query = "lucene " + MARKER;
        List<Case> cases = new ArrayList<>(List.of(
                new Case("a plain-text query", TEXT, query, null, 200, null),
                new Case("a JSON request", JSON, "{\"query\":\"" + query + "\",\"count\":2}", null, 200, null),
                new Case("an empty body", TEXT, "", null, 400, "invalid-input"),
                new Case("a blank query", JSON, "{\"query\":\"   \"}", null, 400, "invalid-input"),
                new Case(
                        "a query over 2048 characters",
                        JSON,
                        "{\"query\":\"" + MARKER + "a".repeat(2048) + "\"}",
                        null,
                        400,
                        "invalid-input"),
                new Case(
                        "count out of range",
                        JSON,
                        "{\"query\":\"" + query + "\",\"count\":11}",
                        null,
                        400,
                        "invalid-input"),
                new Case(
                        "start out of range",
                        JSON,
                        "{\"query\":\"" + query + "\",\"start\":0}",
                        null,
                        400,
                        "invalid-input"),
                new Case("malformed JSON", JSON, "{\"query\": \"" + query, null, 400, "malformed-body"),
                new Case(
                        "deep nesting",
                        JSON,
                        "{\"query\":" + "{\"a\":".repeat(3000) + "\"" + MARKER + "\"" + "}".repeat(3000) + "}",
                        null,
                        400,
                        "malformed-body"),
                new Case(
                        "a wrong type",
                        JSON,
                        "{\"query\":\"" + query + "\",\"count\":\"ten\"}",
                        null,
                        400,
                        "malformed-body"),
                new Case(
                        "a fractional count",
                        JSON,
                        "{\"query\":\"" + query + "\",\"count\":1.5}",
                        null,
                        400,
                        "malformed-body"),
                new Case(
                        "an unknown field",
                        JSON,
                        "{\"query\":\"" + query + "\",\"cnt\":3}",
                        null,
                        400,
                        "invalid-input"),
                new Case(
                        "two JSON values",
                        JSON,
                        "{\"query\":\"" + query + "\"}{\"query\":\"" + query + "\"}",
                        null,
                        400,
                        "malformed-body"),
                new Case("a JSON array", JSON, "[{\"query\":\"" + query + "\"}]", null, 400, "invalid-input"),
                new Case("JSON null", JSON, "null", null, 400, "invalid-input"),
                new Case("XML", "application/xml", "<q>" + query + "</q>", null, 415, "unsupported-media-type"),
                new Case(
                        "a form",
                        "application/x-www-form-urlencoded",
                        "query=" + MARKER,
                        null,
                        415,
                        "unsupported-media-type"),
                new Case(
                        "multipart",
                        "multipart/form-data; boundary=b",
                        "--b\r\nContent-Disposition: form-data; name=\"query\"\r\n\r\n" + MARKER + "\r\n--b--\r\n",
                        null,
                        415,
                        "unsupported-media-type"),
                new Case(
                        "a CloudEvents batch",
                        "application/cloudevents-batch+json",
                        "[{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/x\",\"type\":\"t\",\"data\":{\"query\":\""
                                + query + "\"}}]",
                        null,
                        415,
                        "unsupported-media-type"),
                new Case("a body over the limit", TEXT, MARKER + "a".repeat(70 * 1024), null, 413, "body-too-large")));
        cases.add(new Case("an Accept nothing produces", TEXT, query, "image/png", 406, "not-acceptable"));
        return cases;
    }

    /** What a transport answered: its status and problem type, or the failure it reported. */
    record Outcome(int status, String type, String raw) {}

    @LocalServerPort
    int port;

    static FunctionInvoker lambda;
    final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startLambdaInvoker() {
        System.setProperty("MAIN_CLASS", PortafuncApplication.class.getName());
        System.setProperty("AWS_LAMBDA_FUNCTION_NAME", "portafunc-transports-test");
        try {
            lambda = new FunctionInvoker("search");
        } finally {
            System.clearProperty("MAIN_CLASS");
            System.clearProperty("AWS_LAMBDA_FUNCTION_NAME");
        }
    }

    @AfterAll
    static void forgetLambdaInvoker() {
        lambda = null;
    }

    @Test
    void everyCaseHasTheSameOutcomeOnEveryTransportAndLeavesNothingInTheLogs(CapturedOutput output) {
        List<String> mismatches = new ArrayList<>();
        for (Case input : cases()) {
            transports().forEach((transport, send) -> {
                Outcome outcome = send.apply(input);
                if (outcome == null) {
                    return; // this transport cannot carry the case (a direct invocation takes JSON only)
                }
                boolean same = outcome.status() == input.status()
                        && (input.type() == null
                                ? outcome.type() == null
                                : input.type().equals(outcome.type()));
                if (!same || outcome.status() >= 500) {
                    mismatches.add(input.name() + " via " + transport + ": expected " + input.status() + " "
                            + input.type() + ", was " + outcome.status() + " " + outcome.type() + " "
                            + abbreviate(outcome.raw()));
                }
            });
        }

        assertThat(mismatches).isEmpty();
        assertThat(output.getAll().lines().filter(line -> line.contains(MARKER)))
                .as("log lines holding what a caller sent")
                .isEmpty();
    }

    /** Every transport, by name, each sending a case and reading back its outcome. */
    Map<String, Function<Case, Outcome>> transports() {
        Map<String, Function<Case, Outcome>> transports = new java.util.LinkedHashMap<>();
        transports.put("POST /", input -> http("/", input, Map.of()));
        transports.put("POST /search", input -> http("/search", input, Map.of()));
        transports.put("POST /v2/search", input -> http("/v2/search", input, Map.of()));
        transports.put(
                "POST /search chunked",
                input -> input.name().contains("over the limit") ? http("/search", input, Map.of(), true) : null);
        transports.put(
                "GET /search?q=",
                input -> input.contentType().equals(TEXT) && input.status() != 413
                        ? get("/search?q=" + URLEncoder.encode(input.body(), StandardCharsets.UTF_8), input)
                        : null);
        transports.put(
                "GET /v1/search/{text}",
                input -> input.contentType().equals(TEXT) && input.status() != 413
                        ? get(
                                "/v1/search/"
                                        + URLEncoder.encode(input.body(), StandardCharsets.UTF_8)
                                                .replace("+", "%20"),
                                input)
                        : null);
        transports.put("CloudEvent, binary", input -> http("/search", input, cloudEventHeaders()));
        transports.put("CloudEvent, structured", this::structured);
        for (Kind kind : Kind.values()) {
            transports.put("Lambda " + kind, input -> lambdaHttp(kind, input));
        }
        transports.put("Lambda, direct", this::lambdaDirect);
        return transports;
    }

    /** Each case is an event of its own: one delivered again would be answered as it was the first time. */
    private static Map<String, String> cloudEventHeaders() {
        return Map.of("ce-specversion", "1.0", "ce-id", eventId(), "ce-source", "/" + MARKER, "ce-type", "t");
    }

    private static String eventId() {
        return MARKER + "-" + UUID.randomUUID();
    }

    private Outcome http(String path, Case input, Map<String, String> extra) {
        return http(path, input, extra, false);
    }

    private Outcome http(String path, Case input, Map<String, String> extra, boolean chunked) {
        byte[] body = input.body().getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + path + "?m=" + MARKER))
                .POST(
                        chunked
                                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (input.contentType() != null) {
            request.header("Content-Type", input.contentType());
        }
        extra.forEach(request::header);
        return send(request, input);
    }

    private Outcome get(String path, Case input) {
        return send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .GET(),
                input);
    }

    private Outcome send(HttpRequest.Builder request, Case input) {
        if (input.accept() != null) {
            request.header("Accept", input.accept());
        }
        request.header("Authorization", "Bearer " + MARKER)
                .header("Cookie", "session=" + MARKER)
                .header("X-Marker", MARKER)
                .timeout(Duration.ofSeconds(30));
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.headers().map().toString()).doesNotContain(MARKER);
            assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            return outcome(
                    response.statusCode(),
                    response.body(),
                    response.headers().firstValue("ce-type").isPresent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The case's body as a structured-mode event's data, base64 so that any body goes in unchanged. */
    private Outcome structured(Case input) {
        if (input.contentType().startsWith("application/cloudevents")) {
            return http("/search", input, Map.of());
        }
        ObjectNode event = JsonMapper.shared()
                .createObjectNode()
                .put("specversion", "1.0")
                .put("id", eventId())
                .put("source", "/" + MARKER)
                .put("type", "t")
                .put("datacontenttype", input.contentType())
                .put(
                        "data_base64",
                        Base64.getEncoder().encodeToString(input.body().getBytes(StandardCharsets.UTF_8)));
        Case wrapped = new Case(
                input.name(),
                "application/cloudevents+json",
                event.toString(),
                input.accept(),
                input.status(),
                input.type());
        return http("/search", wrapped, Map.of());
    }

    private Outcome lambdaHttp(Kind kind, Case input) {
        ObjectNode event = (ObjectNode) JsonMapper.shared()
                .readTree(LambdaEvents.event(kind, "POST", input.contentType(), input.accept(), input.body()));
        ObjectNode headers = (ObjectNode) event.get("headers");
        headers.put("authorization", "Bearer " + MARKER).put("cookie", "session=" + MARKER);
        JsonNode proxy = JsonMapper.shared().readTree(invoke(event.toString()));
        String body = proxy.path("body").asString();
        if (proxy.path("isBase64Encoded").asBoolean(false)) {
            body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        assertThat(proxy.path("headers").toString()).doesNotContain(MARKER);
        return outcome(proxy.path("statusCode").asInt(), body, false);
    }

    /** A direct invocation takes the input record as JSON; the cases of other types do not apply to it. */
    private Outcome lambdaDirect(Case input) {
        if (!input.isJson() || input.accept() != null) {
            return null;
        }
        try {
            return outcome(200, invoke(input.body()), false);
        } catch (RuntimeException failure) {
            String name = failure.getClass().getSimpleName();
            if (!name.endsWith("Problem")) {
                return new Outcome(500, null, failure.toString());
            }
            String type = name.substring(0, name.length() - "Problem".length())
                    .replaceAll("([a-z])([A-Z])", "$1-$2")
                    .toLowerCase(Locale.ROOT);
            int status = Integer.parseInt(failure.getMessage().substring(0, 3));
            return new Outcome(status, type, failure.getMessage());
        }
    }

    private static String invoke(String event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            lambda.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Outcome outcome(int status, String body, boolean cloudEvent) {
        if (status < 300) {
            return new Outcome(status, null, body);
        }
        JsonNode problem = JsonMapper.shared().readTree(body);
        String type = problem.path("type").asString("");
        return new Outcome(status, type.substring(type.lastIndexOf(':') + 1), body);
    }

    private static String abbreviate(String text) {
        return text == null || text.length() < 300 ? String.valueOf(text) : text.substring(0, 300) + "…";
    }
}
