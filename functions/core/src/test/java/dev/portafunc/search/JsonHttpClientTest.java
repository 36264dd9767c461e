package dev.portafunc.search;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.portafunc.search.JsonHttpClient.ErrorResponse;
import dev.portafunc.search.ProviderException.Reason;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JsonHttpClientTest {

    record Answer(String answer) {}

    @RegisterExtension
    static WireMockExtension upstream = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    final JsonHttpClient http = new JsonHttpClient("upstream", Duration.ofSeconds(1), Duration.ofSeconds(2));

    URI uri(String path) {
        return URI.create(upstream.baseUrl() + path);
    }

    @Test
    void aCallsOwnHeadersAreSentAndWinOverScopedOnesOfTheSameName() throws Exception {
        upstream.stubFor(get(urlEqualTo("/a")).willReturn(aResponse().withBody("{\"answer\":\"yes\"}")));

        Answer answer = ScopedValue.where(
                        OutgoingHeaders.CURRENT, Map.of("traceparent", "00-trace-01", "X-Key", "from scope"))
                .call(() -> http.get(uri("/a"), Map.of("X-Key", "from call"), Answer.class, error -> null));

        assertThat(answer.answer()).isEqualTo("yes");
        upstream.verify(getRequestedFor(urlEqualTo("/a"))
                .withHeader("X-Key", equalTo("from call"))
                .withHeader("traceparent", equalTo("00-trace-01"))
                .withHeader("Accept", equalTo("application/json")));
    }

    @Test
    void postSendsTheBodyAsJsonWithTheCallsHeaders() {
        upstream.stubFor(post(urlEqualTo("/p")).willReturn(aResponse().withBody("{\"answer\":\"posted\"}")));

        Answer answer =
                http.post(uri("/p"), Map.of("Authorization", "Bearer t"), Map.of("q", "x"), Answer.class, e -> null);

        assertThat(answer.answer()).isEqualTo("posted");
        upstream.verify(postRequestedFor(urlEqualTo("/p"))
                .withHeader("Authorization", equalTo("Bearer t"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"q\":\"x\"}")));
    }

    @Test
    void anErrorAnswersStatusHeadersAndJsonBodyReachTheProvidersMapping() {
        upstream.stubFor(get(urlEqualTo("/e"))
                .willReturn(aResponse()
                        .withStatus(422)
                        .withHeader("X-RateLimit-Remaining", "1, 0")
                        .withHeader("Retry-After", "3")
                        .withBody("{\"error\":{\"code\":\"VALIDATION\"}}")));
        AtomicReference<ErrorResponse> seen = new AtomicReference<>();

        assertThatThrownBy(() -> http.get(uri("/e"), Map.of(), Answer.class, error -> {
                    seen.set(error);
                    return new ProviderException("upstream", Reason.REJECTED, "mapped");
                }))
                .hasMessage("mapped");

        assertThat(seen.get().status()).isEqualTo(422);
        assertThat(seen.get().header("X-RateLimit-Remaining")).contains("1, 0");
        assertThat(seen.get().retryAfter()).isEqualTo(Duration.ofSeconds(3));
        assertThat(seen.get().json().path("error").path("code").stringValue()).isEqualTo("VALIDATION");
    }

    @Test
    void anErrorBodyThatIsNotJsonReachesTheMappingAsAMissingNode() {
        upstream.stubFor(
                get(urlEqualTo("/h")).willReturn(aResponse().withStatus(403).withBody("<html>no</html>")));
        AtomicReference<ErrorResponse> seen = new AtomicReference<>();

        assertThatThrownBy(() -> http.get(uri("/h"), Map.of(), Answer.class, error -> {
                    seen.set(error);
                    return null;
                }))
                .isInstanceOf(ProviderException.class);

        assertThat(seen.get().json().isMissingNode()).isTrue();
    }

    @Test
    void aMappingThatAnswersNullLeavesTheClientsOwnMapping() {
        upstream.stubFor(
                get(urlEqualTo("/r")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")));

        assertThatThrownBy(() -> http.get(uri("/r"), Map.of(), Answer.class, error -> null))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
                    assertThat(e).hasMessage("upstream is limiting the rate of requests");
                });
    }

    @Test
    void beforeASnapshotTheConnectionsAreDroppedAndTheNextCallOpensANewOne() throws Exception {
        try (KeepAliveServer server = new KeepAliveServer()) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/k");
            http.get(uri, Answer.class);
            http.get(uri, Answer.class);
            assertThat(server.connections()).as("one connection, kept alive").hasValue(1);

            assertThat(Snapshots.beforeSnapshot()).isPositive();

            assertThat(http.connected()).isFalse();
            assertThat(http.get(uri, Answer.class).answer()).isEqualTo("kept");
            assertThat(server.connections())
                    .as("a new connection after the snapshot")
                    .hasValue(2);
        }
    }

    /** An HTTP/1.1 server on loopback that keeps connections open and counts them. */
    static final class KeepAliveServer implements AutoCloseable {

        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final AtomicInteger connections = new AtomicInteger();

        KeepAliveServer() throws IOException {
            Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket connection = socket.accept();
                        connections.incrementAndGet();
                        Thread.ofVirtual().start(() -> serve(connection));
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        private static void serve(Socket connection) {
            byte[] body = "{\"answer\":\"kept\"}".getBytes(StandardCharsets.UTF_8);
            try (connection;
                    BufferedReader in = new BufferedReader(
                            new InputStreamReader(connection.getInputStream(), StandardCharsets.US_ASCII))) {
                OutputStream out = connection.getOutputStream();
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.isEmpty()) {
                        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                                        + "\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                        out.write(body);
                        out.flush();
                    }
                }
            } catch (IOException closed) {
                // the client went away
            }
        }

        int port() {
            return socket.getLocalPort();
        }

        AtomicInteger connections() {
            return connections;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
