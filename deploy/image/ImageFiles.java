import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * The image's own files, made the same way by the Maven build (for Jib) and by the Dockerfile: the Java runtime it
 * ships, linked from this JDK with the modules in {@code jlink.args}; its JVM options ({@code jvm.options}); and a JDK
 * AOT cache (JEP 483, 514, 515) trained by running the application on that runtime, started as the image starts it,
 * with real requests: every function and format, the routes, the errors, CloudEvents, the probes, then a few seconds
 * of steady load so that method profiles are recorded. A cache only works on the JVM build that trained it, which is
 * why the image brings its own runtime.
 *
 * <pre>
 * # the Maven build: the thin jar and its libraries, laid out as Jib lays them out (/app/classpath, /app/libs)
 * java deploy/image/ImageFiles.java --root ROOT --jar APP.jar --libs LIBS_DIR
 * # the Dockerfile: the application already laid out in WORKDIR, started by the given arguments
 * java ImageFiles.java --from . --root ROOT --dir WORKDIR -- -jar /app/portafunc.jar
 * </pre>
 *
 * <p>{@code --from} names the folder of {@code jlink.args} and {@code jvm.options} ({@code deploy/image} by default).
 * It writes ROOT/opt/portafunc/java, ROOT/app/jvm.options, ROOT/app/portafunc.aot (and, with --jar, the class path the
 * image starts with, ROOT/app/portafunc.classpath). What it runs goes to a log ({@code --log}, by default
 * image-files.log beside ROOT); only a failure is printed, with the end of that log. Runs with the JDK's source
 * launcher.
 */
public class ImageFiles {

    /** Where Jib puts the application in the image, and the time it gives every file (EPOCH_PLUS_SECOND). */
    static final String APP = "/app";

    static final FileTime JIB_TIME = FileTime.fromMillis(1000);

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
        Path root = null;
        Path here = Path.of("deploy/image").toAbsolutePath();
        Path jar = null;
        Path log = null;
        Path libs = null;
        Path dir = null;
        int seconds = 4;
        List<String> launch = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--root" -> root = Path.of(args[++i]).toAbsolutePath();
                case "--from" -> here = Path.of(args[++i]).toAbsolutePath();
                case "--log" -> log = Path.of(args[++i]).toAbsolutePath();
                case "--jar" -> jar = Path.of(args[++i]).toAbsolutePath();
                case "--libs" -> libs = Path.of(args[++i]).toAbsolutePath();
                case "--dir" -> dir = Path.of(args[++i]).toAbsolutePath();
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--" -> {
                    launch.addAll(List.of(args).subList(i + 1, args.length));
                    i = args.length;
                }
                default -> throw new IllegalArgumentException("Unknown option " + args[i]);
            }
        }
        if (root == null || (jar == null) == launch.isEmpty()) {
            throw new IllegalArgumentException("Usage: ImageFiles [--from DIR] --root ROOT (--jar APP.jar --libs DIR |"
                    + " --dir WORKDIR -- LAUNCH ARGUMENTS...) [--seconds N] [--log FILE]");
        }
        if (!Files.isRegularFile(here.resolve("jlink.args")) || !Files.isRegularFile(here.resolve("jvm.options"))) {
            throw new IllegalArgumentException("No jlink.args and jvm.options in " + here + ": name their folder with"
                    + " --from (deploy/image in this repository)");
        }
        if (log == null) {
            log = root.resolveSibling("image-files.log");
        }
        Files.createDirectories(root);
        try (PrintStream out = new PrintStream(Files.newOutputStream(log), true, StandardCharsets.UTF_8)) {
            try {
                make(here, root, jar, libs, dir, launch, seconds, out);
            } catch (Exception | Error e) {
                out.flush();
                List<String> lines = Files.readAllLines(log);
                lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(System.err::println);
                System.err.println("ImageFiles failed: " + e + " (the whole log: " + log + ")");
                throw e;
            }
        }
    }

    static void make(
            Path here, Path root, Path jar, Path libs, Path dir, List<String> launch, int seconds, PrintStream out)
            throws Exception {
        Path app = root.resolve("app");
        Path runtime = root.resolve("opt/portafunc/java");
        deleteTree(runtime);
        Files.createDirectories(app);
        Files.copy(here.resolve("jvm.options"), app.resolve("jvm.options"), StandardCopyOption.REPLACE_EXISTING);

        // 1. The runtime, linked from the JDK that runs this program.
        ToolProvider jlink = ToolProvider.findFirst("jlink").orElseThrow(() -> new IllegalStateException(
                "jlink is not in this Java: run ImageFiles with a JDK 25, not a runtime"));
        // A tool run in process takes no @file: the file's words are the arguments.
        List<String> jlinkArgs = new ArrayList<>();
        for (String line : Files.readAllLines(here.resolve("jlink.args"))) {
            if (!line.isBlank() && !line.strip().startsWith("#")) {
                jlinkArgs.addAll(List.of(line.strip().split("\\s+")));
            }
        }
        jlinkArgs.addAll(List.of("--output", runtime.toString()));
        int linked = jlink.run(out, out, jlinkArgs.toArray(String[]::new));
        if (linked != 0) {
            throw new IllegalStateException("jlink failed (" + linked + ")");
        }

        // 2. The application as the image holds it, for the training run to start from.
        List<String> command = new ArrayList<>(List.of(runtime.resolve("bin/java").toString(), "@" + app.resolve("jvm.options")));
        if (jar != null) {
            Path train = root.resolveSibling("image-train");
            deleteTree(train);
            Path classes = Files.createDirectories(train.resolve("app/classpath"));
            Path trainLibs = Files.createDirectories(train.resolve("app/libs"));
            List<String> imagePath = new ArrayList<>();
            List<String> trainPath = new ArrayList<>();
            Path copied = classes.resolve("portafunc.original.jar");
            Files.copy(jar, copied);
            imagePath.add(APP + "/classpath/" + copied.getFileName());
            trainPath.add(copied.toString());
            try (Stream<Path> files = Files.list(libs)) {
                for (Path lib : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
                    Path to = trainLibs.resolve(lib.getFileName());
                    Files.copy(lib, to);
                    imagePath.add(APP + "/libs/" + lib.getFileName());
                    trainPath.add(to.toString());
                }
            }
            // The cache remembers each jar's time: Jib gives every file this one.
            try (Stream<Path> files = Files.walk(train)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.setLastModifiedTime(file, JIB_TIME);
                }
            }
            Files.writeString(app.resolve("portafunc.classpath"), "-cp " + String.join(":", imagePath));
            // The same class path on this machine, for starting the application as the image does (bench/).
            Files.writeString(train.resolve("portafunc.classpath"), "-cp " + String.join(":", trainPath));
            command.addAll(List.of("-cp", String.join(":", trainPath), mainClass(jar)));
            dir = train;
        } else {
            command.addAll(launch);
        }

        // 3. The AOT cache, trained on that runtime.
        Path cache = app.resolve("portafunc.aot");
        train(command, cache, dir, seconds, out);
    }

    /** The class Spring Boot starts the application with, from the jar's manifest. */
    static String mainClass(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            String main = file.getManifest().getMainAttributes().getValue("Start-Class");
            if (main == null) {
                throw new IllegalStateException(jar + " names no Start-Class in its manifest");
            }
            return main;
        }
    }

    static void train(List<String> launch, Path cache, Path dir, int seconds, PrintStream out) throws Exception {
        Files.deleteIfExists(cache);
        List<String> command = new ArrayList<>(launch);
        command.add(1, "-XX:AOTCacheOutput=" + cache);
        // Classes the cache cannot hold (proxies, classes never linked) are skipped with a warning each: hundreds.
        command.add(2, "-Xlog:aot=error,aot+resolve=error");
        int port = freePort();
        Path output = Files.createTempFile("portafunc-training", ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        out.println("train: " + String.join(" ", command));
        long started = System.nanoTime();
        Process app = builder.start();
        try {
            Workload workload = new Workload(URI.create("http://127.0.0.1:" + port));
            workload.awaitReady(app, Duration.ofSeconds(180));
            out.printf("train: ready after %d ms%n", (System.nanoTime() - started) / 1_000_000);
            workload.everyPath();
            int requests = workload.steady(Duration.ofSeconds(seconds));
            out.printf("train: %d requests of steady load in %d s%n", requests, seconds);
        } catch (Exception | Error e) {
            app.destroyForcibly();
            out.println(Files.readString(output));
            throw e;
        }
        app.destroy(); // SIGTERM: the JVM writes the cache as it exits
        boolean exited = app.waitFor(300, TimeUnit.SECONDS);
        out.println(Files.readString(output));
        Files.deleteIfExists(output);
        if (!exited) {
            app.destroyForcibly();
            throw new IllegalStateException("The application did not stop within 300 s of SIGTERM");
        }
        if (!Files.isRegularFile(cache) || Files.size(cache) == 0) {
            throw new IllegalStateException("No AOT cache was written to " + cache + " (exit " + app.exitValue() + ")");
        }
        out.printf("train: %s, %d MB%n", cache, Files.size(cache) / 1_000_000);
    }

    static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
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
