package dev.portafunc.platform.lambda;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * SnapStart's priming runs the functions before the snapshot, through the Lambda edge as the managed runtime's handler
 * calls them, and never calls a remote or paid provider to do it.
 */
class SnapStartPrimingTest {

    static final String ON_LAMBDA = "AWS_LAMBDA_FUNCTION_NAME=portafunc-priming-test";

    @RegisterExtension
    static WireMockExtension upstream = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = ON_LAMBDA)
    class OnTheEmbeddedIndex {

        @Autowired
        SnapStartPriming priming;

        @Autowired
        MeterRegistry meters;

        @Test
        void everyFunctionIsAnsweredThroughTheLambdaEdge() {
            assertThat(priming.prime()).isEqualTo(3 * SnapStartPriming.ROUNDS);

            for (String function : new String[] {"manipulate", "search", "searchManipulate"}) {
                Timer throughTheEdge = meters.find("portafunc.lambda.invocations")
                        .tag("function", function)
                        .tag("problem", "none")
                        .timer();
                assertThat(throughTheEdge).as(function).isNotNull();
                assertThat(throughTheEdge.count()).as(function).isEqualTo(SnapStartPriming.ROUNDS);
            }
        }

        @Test
        @ExtendWith(OutputCaptureExtension.class)
        void primingWritesNoMetricsForCloudWatch(CapturedOutput output) {
            priming.prime();

            assertThat(output.getOut().lines()).noneMatch(EmfDocuments::isDocument);
        }
    }

    @Nested
    @SpringBootTest(
            webEnvironment = SpringBootTest.WebEnvironment.NONE,
            properties = {ON_LAMBDA, "portafunc.search.provider=searxng"})
    class OnARemoteProvider {

        @DynamicPropertySource
        static void searxng(DynamicPropertyRegistry registry) {
            registry.add("portafunc.search.searxng.url", upstream::baseUrl);
        }

        @Autowired
        SnapStartPriming priming;

        @Test
        void onlyManipulateIsPrimedAndTheProviderIsNeverCalled() {
            assertThat(priming.prime()).isEqualTo(SnapStartPriming.ROUNDS);
            upstream.verify(0, anyRequestedFor(anyUrl()));
        }
    }
}
