package dev.portafunc.platform.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.portafunc.contract.Http;
import dev.portafunc.contract.Http.Response;
import dev.portafunc.testing.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The HTTP server's manners: slow clients are cut off at the request deadline (so they cannot hold the connections
 * health checks and searches need), a slow upstream is not, and every response carries the security headers.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "portafunc.web.request-timeout=1s",
            "portafunc.web.max-connections=6",
            "portafunc.search.provider=searxng,local",
            "portafunc.search.resilience.max-attempts=1"
        })
class HttpServerTest {

    /** Far below the idle timeout (65 s): a connection closed within it was closed by the deadline. */
    static final Duration WELL_WITHIN = Duration.ofSeconds(15);

    @RegisterExtension
    static WireMockExtension searxng = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @DynamicPropertySource
    static void searxngUrl(DynamicPropertyRegistry registry) {
        registry.add("portafunc.search.searxng.url", searxng::baseUrl);
        registry.add("portafunc.search.searxng.read-timeout", () -> "10s");
    }

    @LocalServerPort
    int port;

    /** One client, as a caller has: its connections are reused, not piled up against the cap. */
    static Http http;

    Http http() {
        if (http == null) {
            http = new Http(URI.create("http://127.0.0.1:" + port + "/"));
        }
        return http;
    }

    @Test
    void aClientTricklingItsHeadersIsDisconnectedAtTheDeadline() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) WELL_WITHIN.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write("GET /_/health HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            long started = System.nanoTime();
            boolean closed = false;
            while (!closed && Duration.ofNanos(System.nanoTime() - started).compareTo(WELL_WITHIN) < 0) {
                try {
                    out.write('a');
                    out.flush();
                    Thread.sleep(200);
                } catch (SocketException reset) {
                    closed = true;
                }
                if (!closed && socket.getInputStream().available() == 0 && isClosed(socket)) {
                    closed = true;
                }
            }
            assertThat(closed).as("closed before the idle timeout").isTrue();
        }
    }

    @Test
    void aConnectionThatSendsNothingIsDisconnectedAtTheDeadline() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) WELL_WITHIN.toMillis());
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void slowClientsTakingEveryConnectionDoNotKeepHealthDown() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                Socket socket = new Socket("127.0.0.1", port);
                socket.getOutputStream()
                        .write("POST /search HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
                slow.add(socket);
            }
            Response health = http().get("/_/health", null);

            assertThat(health.status()).isEqualTo(200);
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void aSlowUpstreamIsNotCutByTheRequestDeadline() {
        searxng.stubFor(get(urlPathEqualTo("/search"))
                .willReturn(aResponse()
                        .withFixedDelay(2500)
                        .withHeader("Content-Type", "application/json")
                        .withBody(Fixtures.read("searxng/search-knative.json"))));

        Response response = http().post("/v2/search", "text/plain", "application/json", "knative");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"provider\":\"searxng\"");
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() {
        List<Response> responses = List.of(
                http().get("/", "text/html"),
                http().get("/app.js", null),
                http().get("/v1/lucene", "text/html"),
                http().post("/manipulate", "text/plain", "text/html", "lucene"),
                http().post("/v2/search", "application/json", null, "{\"query\":\"\"}"),
                http().get("/_/ready", null),
                http().get("/_/metrics", null),
                http().get("/nothing/here", null));

        for (Response response : responses) {
            assertThat(response.header("X-Content-Type-Options"))
                    .as(response.toString())
                    .isEqualTo("nosniff");
            assertThat(response.header("Referrer-Policy"))
                    .as(response.toString())
                    .isEqualTo("no-referrer");
            if (response.contentType() != null && response.contentType().startsWith("text/html")) {
                assertThat(response.header("Content-Security-Policy"))
                        .as(response.toString())
                        .contains("frame-ancestors 'none'");
            }
        }
        assertThat(responses.getFirst().header("Content-Security-Policy")).contains("script-src 'self'");
        assertThat(responses.get(2).header("Content-Security-Policy")).contains("default-src 'none'");
    }

    @Test
    void thePageAndItsFilesAreServedAndRevalidated() {
        for (String path : new String[] {"/", "/index.html", "/app.css", "/app.js", "/config.js", "/openapi.yaml"}) {
            Response response = http().get(path, null);
            assertThat(response.status()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).isNotBlank();
            assertThat(response.header("ETag")).as(path).isNotBlank();
        }
        String etag = http().get("/app.js", null).header("ETag");
        Response again = http().send(
                        java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/app.js"))
                                .header("If-None-Match", etag),
                        null);

        assertThat(again.status()).isEqualTo(304);
    }

    @Test
    void noOtherPathServesAFile() {
        for (String path :
                new String[] {"/static/app.js", "/application.properties", "/api/openapi.yaml", "/%2e%2e/x"}) {
            assertThat(http().get(path, null).status()).as(path).isIn(400, 404);
        }
    }

    private static boolean isClosed(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        socket.setSoTimeout(1);
        try {
            return in.read() == -1;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } catch (SocketException reset) {
            return true;
        } finally {
            socket.setSoTimeout((int) WELL_WITHIN.toMillis());
        }
    }
}
