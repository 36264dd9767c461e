import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Trains a JDK 25 AOT cache (JEP 483, 514, 515) for portafunc with real requests: starts the application with
 * {@code -XX:AOTCacheOutput}, waits until it is ready, sends it what a deployment serves (every function and format,
 * the routes, the errors, CloudEvents, the probes, then a few seconds of steady load so that method profiles are
 * recorded), stops it with SIGTERM as a platform would, and checks the cache was written. The JVM that trains must be
 * the one the image ships, started the way the image starts it.
 *
 * <pre>
 * java deploy/image/Train.java --cache OUT.aot --dir WORKDIR [--seconds 4] -- JAVA [JVM OPTIONS...] MAIN-OR-JAR...
 * </pre>
 *
 * Runs with the JDK's source launcher, so the Maven build and the Dockerfile use the same program.
 */
public class Train {

    static final String[] QUERIES = {
        "knative cold start", "apache lucene", "scale to zero", "serverless functions", "spring cloud function",
        "openfaas watchdog", "aws lambda snapstart", "search engine ranking", "java virtual machine", "kubernetes"
    };

    static final String RESULTS =
            """
            {"query": "knative scale zero", "provider": "training", "totalResults": 3, "searchTimeMs": 12, "items": [
             {"title": "Knative <b>Serving</b> &amp; scale to zero", "link": "https://knative.dev/docs/?utm_source=x",
              "displayLink": "knative.dev", "snippet": "Knative scales to <i>zero</i> and back."},
             {"title": "Scale to zero", "link": "https://example.org/zero", "snippet": "Cold starts cost time."},
             {"title": "Duplicate", "link": "https://knative.dev/docs", "snippet": "again"}]}""";

    public static void main(String[] args) throws Exception {
        Path cache = null;
        Path dir = Path.of(".");
        int seconds = 4;
        List<String> command = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--cache" -> cache = Path.of(args[++i]).toAbsolutePath();
                case "--dir" -> dir = Path.of(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--" -> {
                    command.addAll(List.of(args).subList(i + 1, args.length));
                    i = args.length;
                }
                default -> throw new IllegalArgumentException("Unknown option " + args[i]);
            }
        }
        if (cache == null || command.size() < 2) {
            throw new IllegalArgumentException(
                    "Usage: Train --cache OUT.aot --dir WORKDIR [--seconds N] -- JAVA [OPTIONS...] MAIN-OR-JAR...");
        }
        Files.deleteIfExists(cache);
        command.add(1, "-XX:AOTCacheOutput=" + cache);
        // Classes the cache cannot hold (proxies, classes never linked) are skipped with a warning each: hundreds.
        command.add(2, "-Xlog:aot=error,aot+resolve=error");
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).inheritIO();
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        System.out.println("train: " + String.join(" ", command));
        long started = System.nanoTime();
        Process app = builder.start();
        try {
            Workload workload = new Workload(URI.create("http://127.0.0.1:" + port));
            workload.awaitReady(app, Duration.ofSeconds(180));
            System.out.printf("train: ready after %d ms%n", (System.nanoTime() - started) / 1_000_000);
            workload.everyPath();
            int requests = workload.steady(Duration.ofSeconds(seconds));
            System.out.printf("train: %d requests of steady load in %d s%n", requests, seconds);
        } catch (Exception | Error e) {
            app.destroyForcibly();
            throw e;
        }
        app.destroy(); // SIGTERM: the JVM writes the cache as it exits
        if (!app.waitFor(300, TimeUnit.SECONDS)) {
            app.destroyForcibly();
            throw new IllegalStateException("The application did not stop within 300 s of SIGTERM");
        }
        if (!Files.isRegularFile(cache) || Files.size(cache) == 0) {
            throw new IllegalStateException("No AOT cache was written to " + cache + " (exit " + app.exitValue() + ")");
        }
        System.out.printf("train: %s, %d MB%n", cache, Files.size(cache) / 1_000_000);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** What a deployment serves, as requests. */
    static final class Workload {

        private final HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final URI base;

        Workload(URI base) {
            this.base = base;
        }

        void awaitReady(Process app, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (!app.isAlive()) {
                    throw new IllegalStateException("The application exited with " + app.exitValue());
                }
                try {
                    if (send(get("/_/ready", "text/plain")) == 200) {
                        return;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(20);
            }
            throw new IllegalStateException("The application was not ready within " + timeout);
        }

        void everyPath() throws IOException, InterruptedException {
            for (int round = 0; round < 3; round++) {
                for (String query : QUERIES) {
                    expect(200, post("/v2/search", "text/plain", "application/json", query));
                    expect(200, post("/v2/search", "application/json", "application/json", "{\"query\":\"" + query
                            + "\",\"count\":5,\"start\":1,\"safe\":\"active\",\"language\":\"en\"}"));
                    for (String accept : List.of("application/json", "text/html", "text/markdown", "text/plain")) {
                        expect(200, post("/v2/searchManipulate", "text/plain", accept, query));
                        expect(200, post("/v2/manipulate", "application/json", accept, RESULTS));
                    }
                    expect(200, post("/v2/manipulate", "text/plain", "application/json", query));
                    expect(200, post("/search", "text/plain", "application/json", query));
                    expect(200, post("/manipulate", "application/json", "text/html", RESULTS));
                    expect(200, post("/searchManipulate", "text/plain", "application/json", query));
                    expect(200, post("/", "text/plain", "application/json", query));
                    String path = query.replace(" ", "%20");
                    expect(200, send(get("/v1/" + path, "text/html")));
                    expect(200, send(get("/v1?q=" + query.replace(" ", "+"), "text/html")));
                    expect(200, send(get("/v1/search/" + path, "application/json")));
                    expect(200, send(get("/v1/manipulate/" + path, "text/html")));
                }
                // CloudEvents, binary mode, as Knative Eventing sends them.
                expect(
                        200,
                        send(HttpRequest.newBuilder(base.resolve("/"))
                                .header("Content-Type", "text/plain")
                                .header("ce-specversion", "1.0")
                                .header("ce-id", "training-" + round)
                                .header("ce-type", "dev.portafunc.query")
                                .header("ce-source", "urn:portafunc:training")
                                .header("ce-traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                                .POST(HttpRequest.BodyPublishers.ofString("knative eventing"))
                                .build()));
                // The answers to mistakes are part of the product too.
                expect(400, post("/v2/search", "text/plain", "application/json", " "));
                expect(400, post("/v2/search", "application/json", "application/json", "{\"query\":"));
                expect(400, post("/v2/search", "application/json", "application/json", "{\"query\":\"x\",\"count\":99}"));
                expect(415, post("/v2/search", "text/csv", "application/json", "a,b"));
                expect(406, post("/v2/searchManipulate", "text/plain", "image/png", "x"));
                expect(404, post("/v2/nothing", "text/plain", "application/json", "x"));
                expect(413, post("/v2/search", "text/plain", "application/json", "x".repeat(70_000)));
                expect(200, send(get("/_/health", "text/plain")));
                expect(200, send(get("/_/metrics", "text/plain")));
                expect(200, send(get("/openapi.yaml", "application/yaml")));
                expect(200, send(get("/", "text/html")));
                expect(200, send(get("/app.js", "*/*")));
            }
        }

        int steady(Duration duration) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + duration.toNanos();
            int requests = 0;
            while (System.nanoTime() < deadline) {
                String query = QUERIES[requests % QUERIES.length];
                expect(200, post("/v2/manipulate", "application/json", "application/json", RESULTS));
                expect(200, post("/v2/searchManipulate", "text/plain", "application/json", query));
                requests += 2;
            }
            return requests;
        }

        private HttpRequest get(String path, String accept) {
            return HttpRequest.newBuilder(base.resolve(path))
                    .header("Accept", accept)
                    .timeout(Duration.ofSeconds(30))
                    .build();
        }

        private int post(String path, String contentType, String accept, String body)
                throws IOException, InterruptedException {
            return send(HttpRequest.newBuilder(base.resolve(path))
                    .header("Content-Type", contentType)
                    .header("Accept", accept)
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build());
        }

        private String last = "";

        private int send(HttpRequest request) throws IOException, InterruptedException {
            last = request.method() + " " + request.uri();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }

        private void expect(int wanted, int status) {
            if (status != wanted) {
                throw new IllegalStateException(last + " answered " + status + ", not " + wanted);
            }
        }
    }
}
