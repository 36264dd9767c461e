package dev.portafunc.platform.lambda;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.portafunc.PortafuncApplication;
import dev.portafunc.platform.lambda.RuntimeApiStub.Reply;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The image's path on Lambda, in process: the application serves the Runtime API (Spring Cloud Function's custom-runtime
 * event loop, against {@link RuntimeApiStub}), and a failed direct invocation reaches {@code /invocation/{id}/error}
 * with the same {@code errorType} as on the managed runtime, so that a caller's problem and an upstream's are told
 * apart by it, in the error's body and in {@code Lambda-Runtime-Function-Error-Type}; never with a stack trace.
 */
class CustomRuntimeErrorTypesTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static WireMockExtension searxng = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @Test
    void aCallersProblemAndAnUpstreamsReachTheErrorPathWithTypesThatTellThemApart() {
        searxng.stubFor(get(urlPathEqualTo("/search"))
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "7")));
        try (RuntimeApiStub api = new RuntimeApiStub();
                ConfigurableApplicationContext context = PortafuncApplication.application()
                        .run(
                                "--" + Lambda.RUNTIME_API + "=" + api.address(),
                                "--" + Lambda.HANDLER + "=" + LambdaRuntimeApiIT.HANDLER_FROM_IMAGE_COMMAND,
                                "--AWS_LAMBDA_FUNCTION_NAME=portafunc-custom-runtime-test",
                                "--spring.cloud.function.definition=search",
                                "--portafunc.search.provider=searxng",
                                "--portafunc.search.searxng.url=" + searxng.baseUrl(),
                                "--portafunc.search.resilience.max-attempts=1")) {
            String callers = api.invoke("{\"query\":\"  \"}");
            String upstreams = api.invoke("{\"query\":\"lucene\"}");

            Reply caller = api.awaitError(callers, WAIT);
            Reply upstream = api.awaitError(upstreams, WAIT);

            assertThat(caller).as("the caller's problem reached /error").isNotNull();
            assertThat(upstream).as("the upstream's problem reached /error").isNotNull();
            assertThat(caller.header("Lambda-Runtime-Function-Error-Type"))
                    .isEqualTo(FunctionError.InvalidInputProblem.class.getName());
            assertThat(upstream.header("Lambda-Runtime-Function-Error-Type"))
                    .isEqualTo(FunctionError.ProviderUnavailableProblem.class.getName());
            JsonNode callerError = JsonMapper.shared().readTree(caller.body());
            JsonNode upstreamError = JsonMapper.shared().readTree(upstream.body());
            assertThat(callerError.get("errorType").asString())
                    .isEqualTo(FunctionError.InvalidInputProblem.class.getName());
            assertThat(callerError.get("errorMessage").asString())
                    .isEqualTo("400 Invalid input: query must not be empty (field query)");
            assertThat(upstreamError.get("errorType").asString())
                    .isEqualTo(FunctionError.ProviderUnavailableProblem.class.getName());
            assertThat(upstreamError.get("errorMessage").asString())
                    .startsWith("503 Search provider unavailable: ")
                    .doesNotContain(searxng.baseUrl());
            assertThat(callerError.get("stackTrace")).isEmpty();
            assertThat(upstreamError.get("stackTrace")).isEmpty();
        }
    }
}
