package dev.portafunc.platform.lambda;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.portafunc.platform.lambda.LambdaEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.portafunc.platform.lambda.LambdaEvents.Kind;
import dev.portafunc.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The zip deployment's handler, Spring Cloud Function's {@link FunctionInvoker}, invoked in process with real API
 * Gateway (REST and HTTP API), Function URL and direct events, for each function and each class of error.
 */
class FunctionInvokerTest {

    @RegisterExtension
    static WireMockExtension searxng = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    static final Map<String, String> LAMBDA =
            Map.of("MAIN_CLASS", LambdaTestApplication.class.getName(), "AWS_LAMBDA_FUNCTION_NAME", "portafunc-test");

    static FunctionInvoker searchManipulate;
    static FunctionInvoker search;
    static FunctionInvoker manipulate;
    static FunctionInvoker explode;
    static FunctionInvoker failingUpstream;

    @BeforeAll
    static void startInvokers() {
        LAMBDA.forEach(System::setProperty);
        searchManipulate = new FunctionInvoker("searchManipulate");
        search = new FunctionInvoker("search");
        manipulate = new FunctionInvoker("manipulate");
        explode = new FunctionInvoker("explode");
        System.setProperty("portafunc.search.provider", "searxng");
        System.setProperty("portafunc.search.searxng.url", searxng.baseUrl());
        System.setProperty("portafunc.search.searxng.read-timeout", "400ms");
        try {
            failingUpstream = new FunctionInvoker("search");
        } finally {
            System.clearProperty("portafunc.search.provider");
            System.clearProperty("portafunc.search.searxng.url");
            System.clearProperty("portafunc.search.searxng.read-timeout");
        }
    }

    @AfterAll
    static void clearLambdaEnvironment() {
        LAMBDA.keySet().forEach(System::clearProperty);
    }

    static String invoke(FunctionInvoker invoker, String event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        invoker.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The proxy response, read with AWS's own event classes and serializers. */
    record Proxy(int status, Map<String, String> headers, String body, boolean base64) {

        static Proxy of(Kind kind, String json) {
            ClassLoader loader = FunctionInvokerTest.class.getClassLoader();
            if (kind == Kind.REST_V1) {
                APIGatewayProxyResponseEvent response = LambdaEventSerializers.serializerFor(
                                APIGatewayProxyResponseEvent.class, loader)
                        .fromJson(json);
                return new Proxy(
                        response.getStatusCode(),
                        response.getHeaders(),
                        response.getBody(),
                        Boolean.TRUE.equals(response.getIsBase64Encoded()));
            }
            APIGatewayV2HTTPResponse response = LambdaEventSerializers.serializerFor(
                            APIGatewayV2HTTPResponse.class, loader)
                    .fromJson(json);
            return new Proxy(
                    response.getStatusCode(), response.getHeaders(), response.getBody(), response.getIsBase64Encoded());
        }

        JsonNode json() {
            return JsonMapper.shared().readTree(body);
        }

        String contentType() {
            return headers.get("Content-Type");
        }
    }

    static Proxy call(FunctionInvoker invoker, Kind kind, String contentType, String accept, String body)
            throws IOException {
        return Proxy.of(kind, invoke(invoker, event(kind, "POST", contentType, accept, body)));
    }

    // --- each event type, each function ---

    @ParameterizedTest
    @EnumSource(Kind.class)
    void searchManipulateAnswersAPlainTextQueryWithAProxyResponse(Kind kind) throws IOException {
        Proxy response = call(searchManipulate, kind, "text/plain", "application/json", "apache lucene");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("application/json");
        assertThat(response.base64()).isFalse();
        assertThat(response.json().get("provider").asString()).isEqualTo("local");
        assertThat(response.json().get("items").get(0).get("html").asString()).contains("<mark>Lucene</mark>");
        assertThat(response.headers()).doesNotContainKeys("id", "timestamp", "aws-context", "statusCode");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void searchAnswersAJsonRequest(Kind kind) throws IOException {
        Proxy response = call(search, kind, "application/json", null, "{\"query\":\"knative\",\"count\":2}");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("items")).hasSize(2);
        assertThat(response.json().get("nextStart").asInt()).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void manipulateWorksOnGivenResults(Kind kind) throws IOException {
        Proxy response = call(
                manipulate, kind, "application/json", "text/html", Fixtures.read("manipulate/hostile-results.json"));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("text/html;charset=UTF-8");
        assertThat(response.body())
                .startsWith("<section class=\"portafunc-digest\">")
                .doesNotContain("<script");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void theDigestComesInTheFormatAccepted(Kind kind) throws IOException {
        Proxy markdown = call(searchManipulate, kind, "text/plain", "text/markdown", "lucene");
        Proxy plain = call(searchManipulate, kind, "text/plain", "text/plain;q=0.9, application/xml", "lucene");

        assertThat(markdown.contentType()).isEqualTo("text/markdown;charset=UTF-8");
        assertThat(markdown.body()).startsWith("## Results for lucene");
        assertThat(plain.contentType()).isEqualTo("text/plain;charset=UTF-8");
    }

    @Test
    void aFunctionUrlGetTakesTheQueryParameter() throws IOException {
        Proxy response = Proxy.of(
                Kind.FUNCTION_URL, invoke(searchManipulate, LambdaEvents.get(Kind.FUNCTION_URL, "cold start", null)));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("query").asString()).isEqualTo("cold start");
    }

    @Test
    void aDirectInvocationReturnsTheRecord() throws IOException {
        JsonNode results = JsonMapper.shared().readTree(invoke(search, "{\"query\":\"apache lucene\",\"count\":1}"));
        JsonNode digest = JsonMapper.shared().readTree(invoke(searchManipulate, "\"apache lucene\""));

        assertThat(results.get("items")).hasSize(1);
        assertThat(results.has("statusCode")).isFalse();
        assertThat(digest.get("items").get(0).get("title").asString()).isEqualTo("Apache Lucene");
    }

    // --- each class of error ---

    @ParameterizedTest
    @EnumSource(Kind.class)
    void badInputIsA400ProblemProxyResponse(Kind kind) throws IOException {
        Proxy blank = call(searchManipulate, kind, "text/plain", null, "   ");
        Proxy range = call(search, kind, "application/json", null, "{\"query\":\"x\",\"count\":40}");
        Proxy malformed = call(search, kind, "application/json", null, "{\"query\":");

        for (Proxy response : new Proxy[] {blank, range, malformed}) {
            assertThat(response.status()).as(response.body()).isEqualTo(400);
            assertThat(response.contentType()).isEqualTo("application/problem+json");
            assertThat(response.body()).doesNotContain("Exception", "\tat ");
            assertThat(response.headers()).doesNotContainKey("statusCode");
        }
        assertThat(blank.json().get("field").asString()).isEqualTo("query");
        assertThat(range.json().get("field").asString()).isEqualTo("count");
        assertThat(malformed.json().get("type").asString()).isEqualTo("urn:portafunc:problem:malformed-body");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void edgeRejectionsKeepTheirStatus(Kind kind) throws IOException {
        assertThat(call(search, kind, "application/xml", null, "<q/>").status()).isEqualTo(415);
        assertThat(call(search, kind, "text/plain", null, "a".repeat(70 * 1024)).status())
                .isEqualTo(413);
        assertThat(call(searchManipulate, kind, "text/plain", "image/png", "lucene")
                        .status())
                .isEqualTo(406);
        assertThat(call(search, kind, "application/json", null, "[{\"query\":\"x\"}]")
                        .status())
                .isEqualTo(400);
        Proxy delete = Proxy.of(kind, invoke(search, event(kind, "DELETE", "text/plain", null, "x")));
        assertThat(delete.status()).isEqualTo(405);
    }

    @Test
    void upstreamFailuresKeepTheirMeaning() throws IOException {
        searxng.stubFor(get(urlPathEqualTo("/search"))
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "12")));
        Proxy unavailable = call(failingUpstream, Kind.HTTP_V2, "text/plain", null, "lucene");
        searxng.stubFor(get(urlPathEqualTo("/search")).willReturn(aResponse().withStatus(500)));
        Proxy rejected = call(failingUpstream, Kind.HTTP_V2, "text/plain", null, "lucene");
        searxng.stubFor(get(urlPathEqualTo("/search"))
                .willReturn(aResponse().withFixedDelay(1500).withBody(Fixtures.read("searxng/search-knative.json"))));
        Proxy timeout = call(failingUpstream, Kind.REST_V1, "text/plain", null, "lucene");

        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(unavailable.headers()).containsEntry("Retry-After", "12");
        assertThat(rejected.status()).isEqualTo(502);
        assertThat(timeout.status()).isEqualTo(504);
        assertThat(timeout.json().get("type").asString()).isEqualTo("urn:portafunc:problem:provider-timeout");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void lambdasTraceHeaderContinuesOnwardsAndTheLogsCarryTheRequestId(CapturedOutput output) throws IOException {
        searxng.stubFor(get(urlPathEqualTo("/search"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(Fixtures.read("searxng/search-knative.json"))));
        String xray = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
        System.setProperty("com.amazonaws.xray.traceHeader", xray);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            failingUpstream.handleRequest(
                    new ByteArrayInputStream(event(Kind.HTTP_V2, "POST", "text/plain", null, "traced on lambda")
                            .getBytes(StandardCharsets.UTF_8)),
                    out,
                    new RequestContext("c0ffee00-1111-2222-3333-444455556666"));
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"statusCode\":200");
        } finally {
            System.clearProperty("com.amazonaws.xray.traceHeader");
        }

        LoggedRequest call = searxng.findAll(
                        getRequestedFor(urlPathEqualTo("/search")).withQueryParam("q", equalTo("traced on lambda")))
                .getFirst();
        assertThat(call.getHeader("traceparent")).isEqualTo("00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01");
        // The problem an invocation ends in is logged with the request id and trace id: CloudWatch can count them.
        failingUpstream.handleRequest(
                new ByteArrayInputStream(
                        event(Kind.HTTP_V2, "POST", "text/plain", null, " ").getBytes(StandardCharsets.UTF_8)),
                new ByteArrayOutputStream(),
                new RequestContext("deadbeef-1111-2222-3333-444455556666"));
        assertThat(output.getAll())
                .containsPattern(
                        "\"message\":\"Answered 400 invalid-input\".*\"requestId\":\"deadbeef-1111-2222-3333-444455556666\"");
    }

    /** The invocation's context, as Lambda's runtime passes it: here only the request id matters. */
    record RequestContext(String getAwsRequestId) implements Context {
        public String getLogGroupName() {
            return "";
        }

        public String getLogStreamName() {
            return "";
        }

        public String getFunctionName() {
            return "portafunc-test";
        }

        public String getFunctionVersion() {
            return "$LATEST";
        }

        public String getInvokedFunctionArn() {
            return "";
        }

        public CognitoIdentity getIdentity() {
            return null;
        }

        public ClientContext getClientContext() {
            return null;
        }

        public int getRemainingTimeInMillis() {
            return 30_000;
        }

        public int getMemoryLimitInMB() {
            return 512;
        }

        public LambdaLogger getLogger() {
            return null;
        }
    }

    @Test
    void aDirectInvocationWithBadInputFailsWithTheProblem() {
        assertThatThrownBy(() -> invoke(search, "{\"query\":\"\"}"))
                .isInstanceOf(FunctionError.InvalidInputProblem.class)
                .hasMessage("400 Invalid input: query must not be empty (field query)")
                .satisfies(e -> assertThat(e.getStackTrace()).isEmpty());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anUnexpectedFailureIsA500ProblemWithoutDetail(Kind kind) throws IOException {
        Proxy response = Proxy.of(kind, invoke(explode, event(kind, "POST", "text/plain", null, "x")));

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.json().get("type").asString()).isEqualTo("urn:portafunc:problem:internal");
        assertThat(response.body()).doesNotContain("internal detail", "Exception", "\tat ");
    }

    @Test
    void anUnexpectedFailureOfADirectInvocationReachesLambdasErrorPathWithoutDetailOrStackTrace() {
        assertThatThrownBy(() -> invoke(explode, "{\"query\":\"x\"}"))
                .isInstanceOf(FunctionError.InternalProblem.class)
                .hasMessageNotContaining("internal detail")
                .satisfies(e -> assertThat(e.getStackTrace()).isEmpty())
                .hasNoCause();
    }
}
