package dev.portafunc.image;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.portafunc.contract.Readiness;
import dev.portafunc.testing.Fixtures;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SIGTERM while a request is in flight, as Knative and OpenFaaS send it when they scale down: the request completes,
 * new connections are refused, the process exits cleanly within the grace period.
 */
class GracefulShutdownIT {

    static final Duration UPSTREAM_DELAY = Duration.ofSeconds(3);

    @RegisterExtension
    static WireMockExtension searxng = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @Test
    void sigtermDuringASlowRequestLetsItFinishAndExitsCleanly() throws Exception {
        Podman.requireImage();
        searxng.stubFor(get(urlPathEqualTo("/search"))
                .willReturn(aResponse()
                        .withFixedDelay((int) UPSTREAM_DELAY.toMillis())
                        .withHeader("Content-Type", "application/json")
                        .withBody(Fixtures.read("searxng/search-knative.json"))));
        int port = Podman.freePort();
        String name = "graceful";
        URI base = URI.create("http://127.0.0.1:" + port + "/");
        try {
            Podman.start(
                    name,
                    Podman.asPlatformsRun(
                            port,
                            "65532:65532",
                            "-e",
                            "SPRING_CLOUD_FUNCTION_DEFINITION=search",
                            "-e",
                            "PORTAFUNC_SEARCH_PROVIDER=searxng",
                            "-e",
                            "PORTAFUNC_SEARCH_SEARXNG_URL=" + searxng.baseUrl()));
            Readiness.await(base, Duration.ofSeconds(60), () -> Podman.logs(name));
            HttpClient client = HttpClient.newHttpClient();

            CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(
                    HttpRequest.newBuilder(base)
                            .header("Content-Type", "text/plain")
                            .POST(HttpRequest.BodyPublishers.ofString("knative serving"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            awaitUpstreamCalled();
            long stopping = System.nanoTime();
            CompletableFuture<String> stop = CompletableFuture.supplyAsync(
                    () -> Podman.run(Duration.ofSeconds(60), "podman", "stop", "-t", "30", name));
            Thread.sleep(500);

            Throwable refused = null;
            try {
                client.send(
                        HttpRequest.newBuilder(base.resolve("/_/ready")).build(), HttpResponse.BodyHandlers.ofString());
            } catch (ConnectException e) {
                refused = e;
            }
            HttpResponse<String> response = inFlight.get();
            stop.get();
            Duration stopTook = Duration.ofNanos(System.nanoTime() - stopping);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).contains("\"provider\":\"searxng\"");
            assertThat(refused).as("a new connection after SIGTERM").isInstanceOf(ConnectException.class);
            assertThat(Podman.exitCode(name)).isIn(0, 143);
            assertThat(stopTook).isLessThan(Duration.ofSeconds(20));
            assertThat(Podman.logs(name)).contains("Graceful shutdown");
        } finally {
            Podman.remove(name);
        }
    }

    private static void awaitUpstreamCalled() throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (!searxng.findAll(getRequestedFor(urlPathEqualTo("/search"))).isEmpty()) {
                return;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("The request never reached the upstream");
    }
}
