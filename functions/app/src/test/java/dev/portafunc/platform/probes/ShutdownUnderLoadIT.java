package dev.portafunc.platform.probes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.portafunc.contract.Readiness;
import dev.portafunc.image.Podman;
import dev.portafunc.testing.Fixtures;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SIGTERM in the middle of a load run, as a platform scaling down sends it. Clients behave like a load balancer: they
 * send requests while the instance reports ready and stop once it reports not ready. Every request the server took is
 * answered with a 200; readiness goes down before any connection is refused; the process exits cleanly within the
 * grace period.
 */
class ShutdownUnderLoadIT {

    static final int CLIENTS = 32;
    static final Duration SHUTDOWN_DELAY = Duration.ofMillis(500);

    @RegisterExtension
    static WireMockExtension searxng = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    final AtomicBoolean ready = new AtomicBoolean(true);
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger answered = new AtomicInteger();
    final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<String> readiness = new ConcurrentLinkedQueue<>();

    @Test
    void sigtermUnderLoadAnswersEveryAcceptedRequestAndExitsCleanly() throws Exception {
        searxng.stubFor(get(urlPathEqualTo("/search"))
                .willReturn(aResponse()
                        .withUniformRandomDelay(100, 600)
                        .withHeader("Content-Type", "application/json")
                        .withBody(Fixtures.read("searxng/search-knative.json"))));
        int port = Podman.freePort();
        Process server = start(port);
        URI base = URI.create("http://127.0.0.1:" + port + "/");
        Readiness.await(base, Duration.ofSeconds(60), () -> "server did not become ready");

        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            AtomicBoolean polling = new AtomicBoolean(true);
            clients.submit(() -> pollReadiness(port, polling));
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.submit(() -> load(port, client));
            }
            Thread.sleep(2000);
            int inFlightAtSigterm = inFlight.get();
            long sigterm = System.nanoTime();
            server.destroy(); // SIGTERM

            assertThat(server.waitFor(30, TimeUnit.SECONDS))
                    .as("exits within the grace period")
                    .isTrue();
            Duration shutdown = Duration.ofNanos(System.nanoTime() - sigterm);
            // The poller stops at its first refused connection. A poll the exit cut short (reset mid-answer) counts as
            // an error, so it is given a moment to connect once more to the port nothing listens on now.
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!readiness.contains("refused") && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            polling.set(false);
            ready.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

            assertThat(inFlightAtSigterm)
                    .as("requests in flight when SIGTERM came")
                    .isPositive();
            assertThat(failures).as("requests taken but not answered with 200").isEmpty();
            assertThat(answered.get()).isGreaterThan(CLIENTS);
            assertThat(server.exitValue()).isIn(0, 143);
            assertThat(shutdown).isLessThan(Duration.ofSeconds(20));
            List<String> states = List.copyOf(readiness);
            int firstNotReady = states.indexOf("503");
            int firstRefused = states.indexOf("refused");
            assertThat(firstNotReady).as("readiness went down (%s)", states).isGreaterThanOrEqualTo(0);
            assertThat(firstRefused)
                    .as("connections were refused at the end (%s)", states)
                    .isGreaterThan(firstNotReady);
        }
    }

    /** One client: a new connection per request ("Connection: close"), so "taken" means connected and sent. */
    private void load(int port, int client) {
        int n = 0;
        while (ready.get()) {
            String query = "client " + client + " request " + n++;
            byte[] body = query.getBytes(StandardCharsets.UTF_8);
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                if (!ready.get()) {
                    return; // the balancer would not have sent it
                }
                inFlight.incrementAndGet();
                try {
                    socket.setSoTimeout(15_000);
                    OutputStream out = socket.getOutputStream();
                    out.write(("POST /v2/search HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
                                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.flush();
                    String response = readAll(socket.getInputStream());
                    if (response.startsWith("HTTP/1.1 200") && response.contains("\"provider\":\"searxng\"")) {
                        answered.incrementAndGet();
                    } else {
                        failures.add(query + ": " + response.lines().findFirst().orElse("(no answer)"));
                    }
                } catch (IOException e) {
                    failures.add(query + ": " + e);
                } finally {
                    inFlight.decrementAndGet();
                }
            } catch (ConnectException refused) {
                return;
            } catch (IOException e) {
                failures.add(query + ": " + e);
            }
        }
    }

    /** Polls /_/ready every few milliseconds, recording each change: 200, 503, refused. */
    private void pollReadiness(int port, AtomicBoolean polling) {
        String last = "";
        while (polling.get()) {
            String state;
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                socket.setSoTimeout(2000);
                socket.getOutputStream()
                        .write("GET /_/ready HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                String response = readAll(socket.getInputStream());
                state = response.length() >= 12 ? response.substring(9, 12) : "no answer";
            } catch (ConnectException e) {
                state = "refused";
            } catch (IOException e) {
                state = "error";
            }
            if (!state.equals("200")) {
                ready.set(false);
            }
            if (!state.equals(last)) {
                readiness.add(state);
                last = state;
            }
            if (state.equals("refused")) {
                return;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private Process start(int port) throws IOException {
        Path jar = Path.of(System.getProperty("portafunc.jar", "target/portafunc.jar"));
        Path log = Files.createTempFile("portafunc-shutdown", ".log");
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(new File("/dev/null"));
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("SPRING_CLOUD_FUNCTION_DEFINITION", "search");
        builder.environment().put("PORTAFUNC_SEARCH_PROVIDER", "searxng");
        builder.environment().put("PORTAFUNC_SEARCH_SEARXNG_URL", searxng.baseUrl());
        builder.environment().put("PORTAFUNC_SEARCH_RESILIENCE_CACHE_TTL", "0");
        builder.environment().put("PORTAFUNC_WEB_SHUTDOWN_DELAY", SHUTDOWN_DELAY.toMillis() + "ms");
        builder.environment().put("SERVER_TOMCAT_THREADS_MAX", "64");
        return builder.start();
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
