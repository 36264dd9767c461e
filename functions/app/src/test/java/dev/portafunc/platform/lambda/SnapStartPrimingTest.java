package dev.portafunc.platform.lambda;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** SnapStart's priming runs the functions before the snapshot, and never calls a remote or paid provider to do it. */
class SnapStartPrimingTest {

    @RegisterExtension
    static WireMockExtension upstream = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
    class OnTheEmbeddedIndex {

        @Autowired
        SnapStartPriming priming;

        @Test
        void everyFunctionIsRunOnRealInputs() {
            assertThat(priming.prime()).isEqualTo(3 * SnapStartPriming.ROUNDS);
        }
    }

    @Nested
    @SpringBootTest(
            webEnvironment = SpringBootTest.WebEnvironment.NONE,
            properties = "portafunc.search.provider=searxng")
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
