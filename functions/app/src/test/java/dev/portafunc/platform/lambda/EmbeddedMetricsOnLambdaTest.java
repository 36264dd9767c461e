package dev.portafunc.platform.lambda;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.portafunc.platform.lambda.LambdaEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.portafunc.platform.lambda.LambdaEvents.Kind;
import dev.portafunc.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * On Lambda (the zip's handler, in process) each invocation writes its metrics to stdout as Embedded Metric Format
 * documents of their own, one per line, never inside a log line; a search answered from the cache counts a cache hit
 * and no provider call; {@code portafunc.lambda.embedded-metrics=false} writes none.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedMetricsOnLambdaTest {

    @RegisterExtension
    static WireMockExtension searxng = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    static FunctionInvoker search;
    static FunctionInvoker quiet;

    @BeforeAll
    static void startInvokers() {
        Map<String, String> lambda = Map.of(
                "MAIN_CLASS",
                LambdaTestApplication.class.getName(),
                "AWS_LAMBDA_FUNCTION_NAME",
                "portafunc-emf-test",
                "portafunc.search.provider",
                "searxng",
                "portafunc.search.searxng.url",
                searxng.baseUrl());
        lambda.forEach(System::setProperty);
        try {
            search = new FunctionInvoker("search");
            System.setProperty("portafunc.lambda.embedded-metrics", "false");
            quiet = new FunctionInvoker("search");
        } finally {
            lambda.keySet().forEach(System::clearProperty);
            System.clearProperty("portafunc.lambda.embedded-metrics");
        }
    }

    @AfterAll
    static void forgetInvokers() {
        search = null;
        quiet = null;
    }

    static void answerFromSearxng() {
        searxng.stubFor(get(urlPathEqualTo("/search"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(Fixtures.read("searxng/search-knative.json"))));
    }

    static String invoke(FunctionInvoker invoker, String event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            invoker.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The documents written on stdout while {@code invocation} ran, each checked against the specification. */
    static List<JsonNode> documents(CapturedOutput output, Runnable invocation) {
        int before = output.getOut().length();
        invocation.run();
        List<String> lines = output.getOut().substring(before).lines().toList();
        List<String> documents = lines.stream().filter(EmfDocuments::isDocument).toList();
        for (String document : documents) {
            assertThat(EmfDocuments.violations(document)).as(document).isEmpty();
        }
        assertThat(lines.stream().filter(line -> !EmfDocuments.isDocument(line)))
                .as("log lines")
                .noneMatch(line -> line.contains("_aws") || line.contains("CloudWatchMetrics"));
        return documents.stream().map(JsonMapper.shared()::readTree).toList();
    }

    @Test
    void eachInvocationWritesItsMetricsAsADocumentOfItsOwnOnStdout(CapturedOutput output) {
        answerFromSearxng();

        List<JsonNode> answered = documents(
                output, () -> invoke(search, event(Kind.HTTP_V2, "POST", "text/plain", null, "emf answered")));
        List<JsonNode> failed = documents(
                output,
                () -> assertThatThrownBy(() -> invoke(search, "{\"query\":\"\"}"))
                        .isInstanceOf(FunctionError.InvalidInputProblem.class));

        assertThat(answered).singleElement().satisfies(document -> {
            assertThat(document.get("function").asString()).isEqualTo("search");
            assertThat(document.get("invocations").asInt()).isEqualTo(1);
            assertThat(document.get("problems").asInt()).isZero();
            assertThat(document.get("provider").asString()).isEqualTo("searxng");
            assertThat(document.get("outcome").asString()).isEqualTo("success");
            assertThat(document.get("providerCalls").asInt()).isEqualTo(1);
            assertThat(document.get("duration").asDouble()).isPositive();
        });
        assertThat(failed).singleElement().satisfies(document -> {
            assertThat(document.get("problem").asString()).isEqualTo("invalid-input");
            assertThat(document.get("problems").asInt()).isEqualTo(1);
            assertThat(document.get("providerCalls").asInt()).isZero();
        });
    }

    @Test
    void anUpstreamsFailureIsCountedByProviderOutcomeAndProblem(CapturedOutput output) {
        searxng.stubFor(get(urlPathEqualTo("/search")).willReturn(aResponse().withStatus(503)));

        List<JsonNode> failed =
                documents(output, () -> invoke(search, event(Kind.HTTP_V2, "POST", "text/plain", null, "emf outage")));

        assertThat(failed).singleElement().satisfies(document -> {
            assertThat(document.get("problem").asString()).isEqualTo("provider-unavailable");
            assertThat(document.get("provider").asString()).isEqualTo("searxng");
            assertThat(document.get("outcome").asString()).isEqualTo("unavailable");
            assertThat(document.get("providerCalls").asInt())
                    .as("with its retries")
                    .isGreaterThanOrEqualTo(1);
        });
    }

    @Test
    void aSearchAnsweredFromTheCacheCountsACacheHitAndNoProviderCall(CapturedOutput output) {
        answerFromSearxng();
        Supplier<String> same = () -> invoke(search, event(Kind.HTTP_V2, "POST", "text/plain", null, "emf cached"));

        documents(output, same::get);
        List<JsonNode> cached = documents(output, same::get);

        assertThat(cached).singleElement().satisfies(document -> {
            assertThat(document.get("cacheHits").asInt()).isEqualTo(1);
            assertThat(document.get("providerCalls").asInt()).isZero();
            assertThat(document.has("provider")).isFalse();
        });
    }

    @Test
    void turnedOffNoDocumentIsWritten(CapturedOutput output) {
        answerFromSearxng();

        List<JsonNode> documents =
                documents(output, () -> invoke(quiet, event(Kind.HTTP_V2, "POST", "text/plain", null, "emf off")));

        assertThat(documents).isEmpty();
    }
}
