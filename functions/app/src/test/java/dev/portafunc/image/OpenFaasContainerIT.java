package dev.portafunc.image;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.portafunc.contract.Http;
import dev.portafunc.contract.Http.Response;
import dev.portafunc.contract.Readiness;
import dev.portafunc.testing.Fixtures;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The image as OpenFaaS runs it (deploy/openfaas/stack.yml): port 8080 with no PORT set, uid 12000, read-only root;
 * invoked as {@code faas-cli invoke} sends a body through the gateway.
 */
class OpenFaasContainerIT {

    static final String NAME = "openfaas-search";

    @RegisterExtension
    static WireMockExtension google = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    static URI base;

    @BeforeAll
    static void deploy() {
        Podman.requireImage();
        int port = Podman.freePort();
        Podman.start(
                NAME,
                List.of(
                        "-p",
                        "127.0.0.1:" + port + ":8080",
                        "--read-only",
                        "--user",
                        "12000:12000",
                        "-e",
                        "SPRING_CLOUD_FUNCTION_DEFINITION=search",
                        "-e",
                        "OPENFAAS_NAME=search"));
        base = URI.create("http://127.0.0.1:" + port + "/");
        Readiness.await(base, Duration.ofSeconds(60), () -> Podman.logs(NAME));
    }

    @AfterAll
    static void remove() {
        if (base != null) {
            Podman.remove(NAME);
        }
    }

    /** What the gateway forwards for {@code echo lucene | faas-cli invoke search}. */
    static HttpRequest.Builder invoke(String contentType, String body) {
        return HttpRequest.newBuilder(base)
                .header("Content-Type", contentType)
                .header("User-Agent", "faas-cli/0.17.8 (openfaas; linux; amd64)")
                .header("X-Call-Id", "2f1b9c4e-3a5d-4e6f-8a7b-9c0d1e2f3a4b")
                .header("X-Start-Time", "1795680000000000000")
                .header("X-Forwarded-For", "10.42.0.1:53124")
                .header("X-Forwarded-Host", "gateway.openfaas:8080")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    @Test
    void listensOn8080WithHealthAndReadiness() {
        Http http = new Http(base);

        assertThat(http.get("/_/health", null).body()).isEqualTo("OK");
        assertThat(http.get("/_/ready", null).body()).isEqualTo("OK");
        assertThat(Podman.logs(NAME)).contains("Ready on openfaas OPENFAAS_NAME=search");
    }

    @Test
    void faasCliInvokeWithPlainTextIsAnsweredWithTheCallId() {
        Response response = new Http(base).send(invoke("text/plain", "lucene\n"), null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.body()).contains("\"query\":\"lucene\"").contains("Apache Lucene");
        assertThat(response.headers().allValues("X-Call-Id")).containsExactly("2f1b9c4e-3a5d-4e6f-8a7b-9c0d1e2f3a4b");
    }

    @Test
    void faasCliInvokeWithJsonWorksToo() {
        Response response =
                new Http(base).send(invoke("application/json", "{\"query\":\"knative\",\"count\":2}"), null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("\"nextStart\":3");
    }

    @Test
    void aClientErrorStaysAClientError() {
        Response blank = new Http(base).send(invoke("text/plain", "   "), null);
        Response range = new Http(base).send(invoke("application/json", "{\"query\":\"x\",\"count\":99}"), null);

        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.contentType()).startsWith("application/problem+json");
        assertThat(range.status()).isEqualTo(400);
        assertThat(range.body()).contains("\"field\":\"count\"");
    }

    @Test
    void theGoogleKeyIsReadFromTheOpenFaasSecretFile() throws IOException {
        google.stubFor(get(urlPathEqualTo("/customsearch/v1"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(Fixtures.read("google/search-serverless.json"))));
        Path secret = Files.createTempFile("google-api-key", "");
        Files.writeString(secret, "AIza-openfaas-secret\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
        int port = Podman.freePort();
        String name = "openfaas-google";
        try {
            Podman.start(
                    name,
                    Podman.asPlatformsRun(
                            port,
                            "12000:12000",
                            "-e",
                            "SPRING_CLOUD_FUNCTION_DEFINITION=search",
                            "-e",
                            "PORTAFUNC_SEARCH_PROVIDER=google",
                            "-e",
                            "PORTAFUNC_SEARCH_GOOGLE_ENGINE_ID=cx-1",
                            "-e",
                            "PORTAFUNC_SEARCH_GOOGLE_ROOT_URL=" + google.baseUrl() + "/",
                            "-v",
                            secret + ":/var/openfaas/secrets/google-api-key:ro"));
            URI googleBase = URI.create("http://127.0.0.1:" + port + "/");
            Readiness.await(googleBase, Duration.ofSeconds(60), () -> Podman.logs(name));

            Response response = new Http(googleBase).post("/", "text/plain", null, "cold start");

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            google.verify(getRequestedFor(urlPathEqualTo("/customsearch/v1"))
                    .withHeader("x-goog-api-key", equalTo("AIza-openfaas-secret")));
            assertThat(Podman.logs(name)).doesNotContain("AIza-openfaas-secret");
        } finally {
            Podman.remove(name);
            Files.deleteIfExists(secret);
        }
    }
}
