package dev.portafunc.platform.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The AWS Lambda Runtime API (2018-06-01), as a runtime sees it, for tests: {@code GET /runtime/invocation/next} hands
 * out queued events with the documented headers; responses, invocation errors and init errors are recorded.
 * Written from ../shared/specs/aws-lambda/runtime-api-2018-06-01.openapi.yaml (L1–L5 in the checklists).
 */
final class RuntimeApiStub implements AutoCloseable {

    static final String BASE = "/2018-06-01/runtime";

    record Invocation(String requestId, String event) {}

    record Reply(String requestId, String body, Map<String, List<String>> headers) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst())
                    .findFirst()
                    .orElse(null);
        }
    }

    private final HttpServer server;
    private final BlockingQueue<Invocation> pending = new LinkedBlockingQueue<>();
    private final Map<String, Reply> responses = new ConcurrentHashMap<>();
    private final Map<String, Reply> errors = new ConcurrentHashMap<>();
    private final List<Reply> initErrors = new CopyOnWriteArrayList<>();
    private final List<String> userAgents = new CopyOnWriteArrayList<>();

    RuntimeApiStub() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext(BASE + "/invocation/next", this::next);
        server.createContext(BASE + "/invocation/", this::reply);
        server.createContext(BASE + "/init/error", exchange -> {
            initErrors.add(read(exchange, null));
            accepted(exchange);
        });
        server.start();
    }

    /** host:port, the value of AWS_LAMBDA_RUNTIME_API. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    String invoke(String event) {
        String requestId = UUID.randomUUID().toString();
        pending.add(new Invocation(requestId, event));
        return requestId;
    }

    Reply awaitResponse(String requestId, Duration timeout) {
        return await(responses, requestId, timeout);
    }

    Reply awaitError(String requestId, Duration timeout) {
        return await(errors, requestId, timeout);
    }

    Reply awaitInitError(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (initErrors.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return initErrors.isEmpty() ? null : initErrors.getFirst();
    }

    boolean hasResponseOrError(String requestId) {
        return responses.containsKey(requestId) || errors.containsKey(requestId);
    }

    List<String> userAgents() {
        return userAgents;
    }

    private static Reply await(Map<String, Reply> replies, String requestId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Reply reply = replies.get(requestId);
            if (reply != null) {
                return reply;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    private void next(HttpExchange exchange) throws IOException {
        userAgents.add(exchange.getRequestHeaders().getFirst("User-Agent"));
        Invocation invocation;
        try {
            // Long poll, as Lambda does: the runtime waits as long as it takes.
            invocation = pending.poll(10, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
            return;
        }
        if (invocation == null) {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            return;
        }
        byte[] body = invocation.event().getBytes(StandardCharsets.UTF_8);
        var headers = exchange.getResponseHeaders();
        headers.add("Content-Type", "application/json");
        headers.add("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
        headers.add("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 30_000));
        headers.add("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:eu-west-1:123456789012:function:portafunc");
        headers.add(
                "Lambda-Runtime-Trace-Id",
                "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private void reply(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring((BASE + "/invocation/").length());
        String[] parts = path.split("/");
        if (parts.length != 2 || !exchange.getRequestMethod().equals("POST")) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        Reply reply = read(exchange, parts[0]);
        (parts[1].equals("error") ? errors : responses).put(parts[0], reply);
        accepted(exchange);
    }

    private static Reply read(HttpExchange exchange, String requestId) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        return new Reply(requestId, body, Map.copyOf(exchange.getRequestHeaders()));
    }

    private static void accepted(HttpExchange exchange) throws IOException {
        byte[] ok = "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(202, ok.length);
        exchange.getResponseBody().write(ok);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
