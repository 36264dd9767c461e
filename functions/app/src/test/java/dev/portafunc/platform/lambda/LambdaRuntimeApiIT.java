package dev.portafunc.platform.lambda;

import static dev.portafunc.platform.lambda.LambdaEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portafunc.image.Podman;
import dev.portafunc.platform.lambda.LambdaEvents.Kind;
import dev.portafunc.platform.lambda.RuntimeApiStub.Reply;
import java.io.File;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The built jar and the built image, run with {@code AWS_LAMBDA_RUNTIME_API} pointing at a Runtime API written for
 * the tests: they serve Lambda's Runtime API instead of HTTP, several invocations in a row, of several event types;
 * a failing invocation reaches {@code /error} and the process keeps serving after it; a start that fails is reported
 * on {@code /runtime/init/error}.
 */
class LambdaRuntimeApiIT {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final JsonMapper JSON = JsonMapper.shared();

    /** What Lambda sets in a container from the image's command: its last word, here the main class. */
    static final String HANDLER_FROM_IMAGE_COMMAND = "dev.portafunc.PortafuncApplication";

    @Test
    void theJarServesTheRuntimeApi() throws Exception {
        try (RuntimeApiStub api = new RuntimeApiStub()) {
            int port = Podman.freePort();
            Process process = startJar(api, port, Map.of());
            try {
                servesSeveralEventsAndSurvivesAFailure(api, port);
            } finally {
                process.destroy();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void theImageServesTheRuntimeApi() throws Exception {
        Podman.requireImage();
        try (RuntimeApiStub api = new RuntimeApiStub()) {
            int port = Podman.freePort();
            String name = "lambda-runtime";
            try {
                Podman.start(
                        name,
                        List.of(
                                "--network",
                                "host",
                                "--read-only",
                                "--user",
                                "993:993",
                                "-e",
                                "AWS_LAMBDA_RUNTIME_API=" + api.address(),
                                "-e",
                                "_HANDLER=" + HANDLER_FROM_IMAGE_COMMAND,
                                "-e",
                                "AWS_LAMBDA_FUNCTION_NAME=portafunc",
                                "-e",
                                "SPRING_CLOUD_FUNCTION_DEFINITION=searchManipulate",
                                "-e",
                                "PORT=" + port));
                servesSeveralEventsAndSurvivesAFailure(api, port);
            } finally {
                Podman.remove(name);
            }
        }
    }

    @Test
    void theJarTellsApartACallersProblemFromAnUpstreamsByErrorType() throws Exception {
        try (RuntimeApiStub api = new RuntimeApiStub()) {
            Process process = startJar(api, Podman.freePort(), unreachableUpstream());
            try {
                callersAndUpstreamsProblemsHaveTheirOwnErrorTypes(api);
            } finally {
                process.destroy();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void theImageTellsApartACallersProblemFromAnUpstreamsByErrorType() throws Exception {
        Podman.requireImage();
        try (RuntimeApiStub api = new RuntimeApiStub()) {
            String name = "lambda-runtime-upstream";
            List<String> options = new ArrayList<>(List.of(
                    "--network",
                    "host",
                    "--read-only",
                    "--user",
                    "993:993",
                    "-e",
                    "AWS_LAMBDA_RUNTIME_API=" + api.address(),
                    "-e",
                    "_HANDLER=" + HANDLER_FROM_IMAGE_COMMAND,
                    "-e",
                    "AWS_LAMBDA_FUNCTION_NAME=portafunc",
                    "-e",
                    "SPRING_CLOUD_FUNCTION_DEFINITION=searchManipulate",
                    "-e",
                    "PORT=" + Podman.freePort()));
            unreachableUpstream().forEach((key, value) -> options.addAll(List.of("-e", key + "=" + value)));
            try {
                Podman.start(name, options);
                callersAndUpstreamsProblemsHaveTheirOwnErrorTypes(api);
            } finally {
                Podman.remove(name);
            }
        }
    }

    /** A SearXNG on a loopback port nothing listens on: every search fails as provider-unavailable. */
    private static Map<String, String> unreachableUpstream() {
        return Map.of(
                "PORTAFUNC_SEARCH_PROVIDER", "searxng",
                "PORTAFUNC_SEARCH_SEARXNG_URL", "http://127.0.0.1:" + Podman.freePort(),
                "PORTAFUNC_SEARCH_RESILIENCE_MAX_ATTEMPTS", "1");
    }

    private static void callersAndUpstreamsProblemsHaveTheirOwnErrorTypes(RuntimeApiStub api) {
        String callers = api.invoke("{\"query\":\"  \"}");
        String upstreams = api.invoke("{\"query\":\"lucene\"}");

        Reply caller = api.awaitError(callers, WAIT);
        Reply upstream = api.awaitError(upstreams, WAIT);

        assertThat(caller).as("the caller's problem reached /error").isNotNull();
        assertThat(upstream).as("the upstream's problem reached /error").isNotNull();
        assertThat(caller.header("Lambda-Runtime-Function-Error-Type")).endsWith("$InvalidInputProblem");
        assertThat(upstream.header("Lambda-Runtime-Function-Error-Type")).endsWith("$ProviderUnavailableProblem");
        JsonNode upstreamError = JSON.readTree(upstream.body());
        assertThat(upstreamError.get("errorType").asString()).endsWith("$ProviderUnavailableProblem");
        assertThat(upstreamError.get("errorMessage").asString()).startsWith("503 Search provider unavailable: ");
        assertThat(upstreamError.get("stackTrace")).isEmpty();
    }

    @Test
    void aStartThatFailsIsReportedAsAnInitError() throws Exception {
        try (RuntimeApiStub api = new RuntimeApiStub()) {
            Process process = startJar(
                    api,
                    Podman.freePort(),
                    Map.of("PORTAFUNC_SEARCH_PROVIDER", "google", "PORTAFUNC_SEARCH_GOOGLE_ENGINE_ID", "cx"));
            try {
                Reply initError = api.awaitInitError(WAIT);

                assertThat(initError).as("POST /runtime/init/error").isNotNull();
                assertThat(initError.header("Lambda-Runtime-Function-Error-Type"))
                        .isEqualTo("Runtime.InitError");
                JsonNode body = JSON.readTree(initError.body());
                assertThat(body.get("errorType").asString()).isEqualTo("Runtime.InitError");
                assertThat(body.get("errorMessage").asString()).contains("portafunc.search.google.api-key");
                assertThat(initError.body()).doesNotContain("\tat ");
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(process.exitValue()).isNotZero();
            } finally {
                process.destroyForcibly();
            }
        }
    }

    private static void servesSeveralEventsAndSurvivesAFailure(RuntimeApiStub api, int port) throws Exception {
        Map<String, String> requests = new LinkedHashMap<>();
        requests.put("rest", api.invoke(event(Kind.REST_V1, "POST", "text/plain", "text/markdown", "apache lucene")));
        requests.put(
                "http", api.invoke(event(Kind.HTTP_V2, "POST", "application/json", null, "{\"query\":\"knative\"}")));
        requests.put("url", api.invoke(LambdaEvents.get(Kind.FUNCTION_URL, "cold start", "text/html")));
        requests.put("direct", api.invoke("{\"query\":\"lucene\"}"));
        requests.put("bad-direct", api.invoke("{\"query\":\"  \"}"));
        requests.put("bad-http", api.invoke(event(Kind.HTTP_V2, "POST", "text/plain", null, " ")));
        requests.put("after", api.invoke(event(Kind.HTTP_V2, "POST", "text/plain", null, "scale to zero")));

        Reply rest = api.awaitResponse(requests.get("rest"), WAIT);
        assertThat(rest).as("the first invocation was answered").isNotNull();
        assertThat(proxy(rest).get("statusCode").asInt()).isEqualTo(200);
        assertThat(proxy(rest).get("headers").get("Content-Type").asString()).startsWith("text/markdown");
        assertThat(proxy(rest).get("headers").has("statusCode"))
                .as("the status is not an HTTP header")
                .isFalse();
        assertThat(proxy(rest).get("body").asString()).startsWith("## Results for apache lucene");

        JsonNode http = proxy(api.awaitResponse(requests.get("http"), WAIT));
        assertThat(http.get("statusCode").asInt()).isEqualTo(200);
        assertThat(JSON.readTree(http.get("body").asString()).get("provider").asString())
                .isEqualTo("local");

        JsonNode url = proxy(api.awaitResponse(requests.get("url"), WAIT));
        assertThat(url.get("body").asString()).startsWith("<section class=\"portafunc-digest\">");

        JsonNode direct =
                JSON.readTree(api.awaitResponse(requests.get("direct"), WAIT).body());
        assertThat(direct.get("items").get(0).get("html").asString()).contains("<mark>Lucene</mark>");

        Reply error = api.awaitError(requests.get("bad-direct"), WAIT);
        assertThat(error).as("a failing invocation reaches /error").isNotNull();
        assertThat(error.header("Lambda-Runtime-Function-Error-Type")).endsWith("InvalidInputProblem");
        JsonNode failure = JSON.readTree(error.body());
        assertThat(failure.get("errorMessage").asString())
                .isEqualTo("400 Invalid input: query must not be empty (field query)");
        assertThat(failure.get("errorType").asString()).endsWith("InvalidInputProblem");
        assertThat(failure.get("stackTrace")).isEmpty();

        JsonNode badHttp = proxy(api.awaitResponse(requests.get("bad-http"), WAIT));
        assertThat(badHttp.get("statusCode").asInt()).isEqualTo(400);
        assertThat(badHttp.get("headers").get("Content-Type").asString()).isEqualTo("application/problem+json");

        JsonNode after = proxy(api.awaitResponse(requests.get("after"), WAIT));
        assertThat(after.get("statusCode").asInt())
                .as("still serving after a failure")
                .isEqualTo(200);

        assertThat(api.userAgents()).allSatisfy(agent -> assertThat(agent).startsWith("spring-cloud-function/"));
        assertNoWebServer(port);
    }

    private static JsonNode proxy(Reply reply) {
        assertThat(reply).isNotNull();
        JsonNode response = JSON.readTree(reply.body());
        assertThat(response.has("statusCode")).isTrue();
        assertThat(response.has("body")).isTrue();
        assertThat(response.get("isBase64Encoded").asBoolean()).isFalse();
        return response;
    }

    private static void assertNoWebServer(int port) throws InterruptedException {
        try {
            HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/_/health"))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
            throw new AssertionError("A web server answered on PORT " + port + " although Lambda drives the function");
        } catch (ConnectException expected) {
            // no web server on Lambda
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Process startJar(RuntimeApiStub api, int port, Map<String, String> extra) throws IOException {
        Path jar = Path.of(System.getProperty("portafunc.jar", "target/portafunc.jar"));
        Path log = Files.createTempFile("portafunc-lambda", ".log");
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(new File("/dev/null"));
        builder.environment().put("AWS_LAMBDA_RUNTIME_API", api.address());
        builder.environment().put("_HANDLER", HANDLER_FROM_IMAGE_COMMAND);
        builder.environment().put("AWS_LAMBDA_FUNCTION_NAME", "portafunc");
        builder.environment().put("SPRING_CLOUD_FUNCTION_DEFINITION", "searchManipulate");
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().putAll(extra);
        return builder.start();
    }
}
