package dev.portafunc.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A test of the application on a random port whose Google is WireMock ({@link #google}, on a free port, started and
 * stopped around each test class): the subclass is a {@code @SpringBootTest} on the google provider.
 */
public abstract class WithGoogleStandIn {

    @RegisterExtension
    protected static WireMockExtension google = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @DynamicPropertySource
    static void googleRoot(DynamicPropertyRegistry registry) {
        registry.add("portafunc.search.google.root-url", () -> google.baseUrl() + "/");
    }

    @LocalServerPort
    protected int port;
}
