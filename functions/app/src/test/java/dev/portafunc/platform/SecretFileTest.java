package dev.portafunc.platform;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portafunc.contract.Http;
import dev.portafunc.testing.Fixtures;
import dev.portafunc.testing.WithGoogleStandIn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/** The Google key read from a mounted secret file, as OpenFaaS and Kubernetes Secret volumes provide it. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "portafunc.search.provider=google",
            "portafunc.search.google.engine-id=cx-1",
            "spring.config.import=optional:configtree:target/test-secrets/"
        })
class SecretFileTest extends WithGoogleStandIn {

    static final String KEY = "AIza-from-a-secret-file";

    static {
        try {
            Path secrets = Files.createDirectories(Path.of("target/test-secrets"));
            Files.writeString(secrets.resolve("google-api-key"), KEY + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theKeyComesFromTheMountedFile() {
        google.stubFor(get(urlPathEqualTo("/customsearch/v1"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(Fixtures.read("google/search-serverless.json"))));

        var response = new Http(URI.create("http://127.0.0.1:" + port + "/"))
                .post("/v2/search", "text/plain", "application/json", "cold start");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        google.verify(getRequestedFor(urlPathEqualTo("/customsearch/v1")).withHeader("x-goog-api-key", equalTo(KEY)));
    }
}
