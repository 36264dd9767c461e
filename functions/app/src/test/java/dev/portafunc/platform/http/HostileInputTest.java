package dev.portafunc.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Random and hostile requests to every route (fuzz-style, with a fixed seed so a failure can be replayed): invalid
 * UTF-8, huge numbers, deep nesting, wrong types, NUL bytes, odd content types and Accept headers, hostile paths,
 * 10 MB bodies, and requests that are not HTTP at all. Nothing may answer 500 or more (the local provider cannot fail
 * upstream), hang, leak a stack trace, or hold on to memory.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HostileInputTest {

    static final long SEED = 20261126L;
    static final int CASES = 400;

    static final String[] POST_PATHS = {
        "/",
        "/search",
        "/manipulate",
        "/searchManipulate",
        "/v2/search",
        "/v2/manipulate",
        "/v2/searchManipulate",
        "/search,manipulate",
        "/search%7Cmanipulate",
        "/v2/nosuch",
        "/nosuch",
        "/_/health"
    };
    static final String[] GET_PATHS = {
        "/v1/", "/v1/search/", "/v1/manipulate/", "/search/", "/manipulate/", "/_/ready", "/v1?q=", "/", "/v2/search"
    };
    static final String[] CONTENT_TYPES = {
        "application/json",
        "text/plain",
        "application/json; charset=utf-8",
        "text/plain;charset=ISO-8859-1",
        "application/cloudevents+json",
        "application/xml",
        "multipart/form-data; boundary=x",
        "application/x-www-form-urlencoded",
        "text/plain; charset=ebcdic-nonsense",
        ";;;",
        "application/json; x=\"",
        "*/*",
        "text/html"
    };
    static final String[] ACCEPTS = {
        "application/json",
        "text/html",
        "text/markdown",
        "text/plain",
        "*/*",
        "image/png",
        "text/html;q=abc",
        "text/*;q=0, */*;q=0",
        "application/problem+json",
        "invalid",
        ",,,",
        "text/html;q=0.5, text/markdown;q=0.9"
    };

    @LocalServerPort
    int port;

    final Random random = new Random(SEED);
    final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void randomAndHostileRequestsNeverGetA5xxOrAStackTrace() throws Exception {
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            boolean post = random.nextInt(4) != 0;
            String path = post ? pick(POST_PATHS) : pick(GET_PATHS) + hostilePathSegment();
            HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20));
            byte[] sentBody = post ? body() : new byte[0];
            if (post) {
                request.POST(HttpRequest.BodyPublishers.ofByteArray(sentBody));
                if (random.nextInt(8) != 0) {
                    request.header("Content-Type", pick(CONTENT_TYPES));
                }
            } else {
                request.GET();
            }
            if (random.nextBoolean()) {
                request.header("Accept", pick(ACCEPTS));
            }
            hostileHeaders(request);
            String sent = "case " + i + ": " + (post ? "POST " : "GET ") + path;
            HttpResponse<String> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                failures.add(sent + " -> " + e);
                continue;
            }
            String what = sent + " -> " + response.statusCode();
            if (response.statusCode() >= 500) {
                failures.add(what + " " + response.body());
            }
            if (response.body().contains("\tat ") || response.body().contains("Exception")) {
                failures.add(what + " leaks: " + response.body());
            }
            if (response.statusCode() >= 400
                    && !path.startsWith("/v1") // the monolith's page shows its problem as HTML
                    && !response.headers()
                            .firstValue("Content-Type")
                            .orElse("")
                            .startsWith("application/problem+json")) {
                failures.add(what + " is not a problem: " + response.headers().firstValue("Content-Type"));
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void tenMegabyteBodiesAreRefusedWithoutBeingHeld() throws Exception {
        byte[] huge = new byte[10 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) 'a');
        System.gc();
        long before = usedHeap();
        List<Integer> answers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            answers.add(statusOrRefused(HttpRequest.newBuilder(uri("/search"))
                    .header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(huge))
                    .build()));
            answers.add(statusOrRefused(HttpRequest.newBuilder(uri("/v2/search"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge)))
                    .build()));
        }
        // The server answers 413 and closes the connection while the client is still sending: the client reads the
        // 413, or, when the close resets the connection first, sees it refused. Never anything else.
        assertThat(answers)
                .allMatch(status -> status == 413 || status == REFUSED)
                .contains(413);
        System.gc();
        // 200 MB went through the server; it kept none of it.
        assertThat(usedHeap() - before).isLessThan(64L * 1024 * 1024);
    }

    static final int REFUSED = -1;

    int statusOrRefused(HttpRequest request) throws InterruptedException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (IOException e) {
            return REFUSED;
        }
    }

    @Test
    void requestsThatAreNotHttpAreAnsweredWithAProblem() throws IOException {
        String[] raw = {
            "GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /v1/a\u0000b HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /_/health HTTP/1.1\r\nHost: x\r\nX: \u0001\r\n\r\n",
            "GARBAGE\r\n\r\n",
            "GET /v1/%C0%AF HTTP/1.1\r\nHost: x\r\n\r\n",
            "POST /search HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 99999999999999999999\r\n\r\n",
            "GET /search/../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: x\r\nX-Long: " + "a".repeat(20_000) + "\r\n\r\n"
        };
        for (String request : raw) {
            // A request the server can read is answered on a connection it keeps open: ask it to close it after.
            request = request.replace("Host: x\r\n", "Host: x\r\nConnection: close\r\n");
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(5000);
                socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
                String answer = readAll(socket.getInputStream());
                assertThat(answer)
                        .as(request.substring(0, Math.min(40, request.length())))
                        .startsWith("HTTP/1.1 4")
                        .contains("application/problem+json")
                        .doesNotContain("Jetty", "<html");
            }
        }
    }

    private byte[] body() {
        return switch (random.nextInt(14)) {
            case 0 -> randomBytes(random.nextInt(2000)); // invalid UTF-8 and anything else
            case 1 -> ("{\"query\":\"x\",\"count\":" + "9".repeat(1 + random.nextInt(400)) + "}").getBytes();
            case 2 -> ("{\"query\":\"x\",\"start\":1e" + random.nextInt(1000) + "}").getBytes();
            case 3 -> nested(1 + random.nextInt(5000), random.nextBoolean());
            case 4 ->
                ("{\"query\":" + pick(new String[] {"123", "[]", "{}", "true", "null", "[\"a\"]", "1.5"}) + "}")
                        .getBytes();
            case 5 -> "{\"query\":\"a\\u0000b\"}".getBytes();
            case 6 -> ("{\"query\":\"" + "\\ud800".repeat(random.nextInt(50)) + "\"}").getBytes();
            case 7 -> ("{\"query\":\"" + "x".repeat(random.nextInt(70_000)) + "\"}").getBytes();
            case 8 -> "{\"query\":\"a\",\"query\":\"b\"} trailing garbage".getBytes();
            case 9 -> "{\"query\":\"a\", /* comment */ \"count\": NaN}".getBytes();
            case 10 -> new byte[0];
            case 11 ->
                ("{\"query\":\"q\",\"items\":[" + "{\"title\":\"t\"},".repeat(random.nextInt(300)) + "null]}")
                        .getBytes();
            case 12 ->
                ("{\"specversion\":\"1.0\",\"id\":\"x\",\"data\":" + (random.nextBoolean() ? "\"" : "{") + "}")
                        .getBytes();
            default ->
                ("plain text \u0000 with NUL and \u202e bidi " + random.nextInt()).getBytes(StandardCharsets.UTF_8);
        };
    }

    private byte[] nested(int depth, boolean arrays) {
        StringBuilder json = new StringBuilder(depth * 8);
        for (int i = 0; i < depth; i++) {
            json.append(arrays ? "[" : "{\"a\":");
        }
        json.append("1");
        for (int i = 0; i < depth; i++) {
            json.append(arrays ? "]" : "}");
        }
        return json.toString().getBytes();
    }

    private String hostilePathSegment() {
        return switch (random.nextInt(8)) {
            case 0 -> "%00";
            case 1 -> "%2e%2e%2f%2e%2e%2fetc%2fpasswd";
            case 2 -> "%3Cscript%3Ealert(1)%3C%2Fscript%3E";
            case 3 -> "a".repeat(1 + random.nextInt(3000));
            case 4 -> "%F0%9F%98%80%E2%80%AE";
            case 5 -> "%20%20";
            case 6 -> "%FF%FE";
            default -> "lucene";
        };
    }

    private void hostileHeaders(HttpRequest.Builder request) {
        if (random.nextInt(4) == 0) {
            request.header("X-Forwarded-Host", "evil.example\", <script>");
            request.header("X-Forwarded-Proto", pick(new String[] {"https", "javascript", "ftp", ""}) + "x");
            request.header("Forwarded", "for=\"[::1]\";proto=" + pick(new String[] {"https", "\"\"", "%00"}));
        }
        if (random.nextInt(4) == 0) {
            request.header("ce-specversion", pick(new String[] {"1.0", "0.3", "99", "x"}));
            if (random.nextBoolean()) {
                request.header("ce-id", "id-" + random.nextInt());
            }
        }
        if (random.nextInt(8) == 0) {
            request.header("X-Call-Id", "x".repeat(random.nextInt(4000)));
        }
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
}
