package dev.portafunc.platform.http;

import dev.portafunc.platform.cloudevents.CloudEvents;
import dev.portafunc.platform.edge.Call;
import dev.portafunc.platform.edge.Edge;
import dev.portafunc.platform.edge.Formats;
import dev.portafunc.platform.edge.SecurityHeaders;
import dev.portafunc.platform.probes.Probes;
import dev.portafunc.platform.problem.Problem;
import dev.portafunc.platform.problem.ProblemType;
import dev.portafunc.platform.problem.Problems;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Every HTTP route, each a thin adapter onto the {@link Edge}:
 *
 * <ul>
 *   <li>{@code POST /} the deployment's function, {@code POST /{function}} an exposed one or a composition of them
 *       ({@code /search|manipulate}); {@code GET /{function}?q=} and {@code GET /{function}/{text}} with the text as the
 *       query. A CloudEvent in binary or structured mode is answered with a new CloudEvent.
 *   <li>{@code POST /v2/{function}} the versioned API, open to the origins CORS allows.
 *   <li>{@code GET /v1...} the monolith's contract ({@link Monolith}).
 *   <li>{@code GET /} the search page and its files, {@code GET /openapi.yaml}, and {@code /_/health},
 *       {@code /_/ready}, {@code /_/metrics}.
 * </ul>
 *
 * Anything else is a 404 problem, a known path with another method a 405 with {@code Allow}.
 */
final class Routes extends Handler.Abstract {

    private static final byte[] OK = "OK".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] UNAVAILABLE = "Service Unavailable".getBytes(StandardCharsets.US_ASCII);
    private static final String TEXT = "text/plain;charset=UTF-8";

    private final Edge edge;
    private final CloudEvents cloudEvents;
    private final Monolith monolith;
    private final Cors cors;
    private final Probes probes;
    private final Supplier<PrometheusMeterRegistry> metrics;
    private final HttpObservation observation;
    private final StaticFiles files = new StaticFiles();

    Routes(
            Edge edge,
            CloudEvents cloudEvents,
            Cors cors,
            Probes probes,
            Supplier<PrometheusMeterRegistry> metrics,
            HttpObservation observation) {
        this.edge = edge;
        this.cloudEvents = cloudEvents;
        this.monolith = new Monolith(edge);
        this.cors = cors;
        this.probes = probes;
        this.metrics = metrics;
        this.observation = observation;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Exchange exchange = new Exchange(request, response, callback);
        observation.observe(request, exchange, this::route);
        return true;
    }

    private void route(Exchange exchange) throws Exception {
        try {
            dispatch(exchange);
        } catch (Exception | LinkageError failure) {
            if (exchange.response.isCommitted()) {
                exchange.callback().failed(failure);
            } else {
                problem(exchange, Problems.of(failure));
            }
        }
    }

    private void dispatch(Exchange exchange) throws Exception {
        List<String> path = exchange.segments();
        if (path.contains(null)) {
            problem(exchange, ProblemType.MALFORMED_REQUEST.problem("The path's percent-encoding cannot be read"));
            return;
        }
        if (path.stream().anyMatch(segment -> segment.equals(".") || segment.equals(".."))) {
            problem(exchange, ProblemType.MALFORMED_REQUEST.problem("A path may not contain '.' or '..' segments"));
            return;
        }
        if (path.isEmpty()) {
            root(exchange);
            return;
        }
        switch (path.getFirst()) {
            case "_" -> probe(exchange, path);
            case "v2" -> v2(exchange, path);
            case "v1" -> v1(exchange, path);
            default -> {
                if (path.size() == 1 && StaticFiles.has(path.getFirst())) {
                    file(exchange, path.getFirst());
                } else {
                    function(exchange, path);
                }
            }
        }
    }

    private void root(Exchange exchange) throws Exception {
        if (exchange.isGet()) {
            file(exchange, "");
        } else if (exchange.method().equals("POST")) {
            exchange.route = "/";
            invoke(exchange, null);
        } else {
            exchange.route = "/";
            notAllowed(exchange, "GET, HEAD, POST");
        }
    }

    /** {@code /{function}}, {@code /{function}/{text}}. */
    private void function(Exchange exchange, List<String> path) throws Exception {
        String definition = path.getFirst();
        if (path.size() > 2 || edge.functions().find(definition) == null) {
            problem(exchange, ProblemType.NOT_FOUND.problem());
            return;
        }
        exchange.route = path.size() == 1 ? "/{function}" : "/{function}/{text}";
        if (exchange.method().equals("POST") && path.size() == 1) {
            invoke(exchange, definition);
        } else if (exchange.isGet()) {
            String text = path.size() == 2 ? path.get(1) : exchange.query("q");
            varyByAccept(exchange);
            exchange.answer(edge.call(Call.text(definition, text == null ? "" : text, exchange.header("Accept"))));
        } else {
            notAllowed(exchange, path.size() == 1 ? "GET, HEAD, POST" : "GET, HEAD");
        }
    }

    /** A function invoked with the request's body: plain, or the data of a CloudEvent. */
    private void invoke(Exchange exchange, String definition) throws Exception {
        varyByAccept(exchange);
        byte[] body = exchange.body(edge.maxBodySize());
        if (body == null) {
            exchange.answer(edge.bodyTooLarge(definition));
            return;
        }
        String contentType = exchange.header("Content-Type");
        String accept = exchange.header("Accept");
        if (CloudEvents.isBinary(exchange::header) || CloudEvents.isStructured(contentType)) {
            CloudEvents.Event event;
            try {
                event = CloudEvents.isBinary(exchange::header)
                        ? CloudEvents.binary(exchange::header, body)
                        : cloudEvents.structured(body);
            } catch (RuntimeException invalid) {
                problem(exchange, Problems.of(invalid));
                return;
            }
            CloudEvents.Reply reply = cloudEvents.reply(
                    event,
                    definition,
                    accept,
                    () -> edge.call(new Call(definition, event.data(), event.contentType(), accept)));
            reply.headers().forEach(exchange::header);
            exchange.answer(reply.answer());
        } else {
            exchange.answer(edge.call(new Call(definition, body, contentType, accept)));
        }
    }

    /** {@code /v2/{function}}: an exposed function by name, JSON or a plain-text query in, its record out. */
    private void v2(Exchange exchange, List<String> path) throws Exception {
        if (path.size() != 2 || !edge.functions().names().contains(path.get(1))) {
            problem(exchange, ProblemType.NOT_FOUND.problem());
            return;
        }
        exchange.route = "/v2/{function}";
        switch (exchange.method()) {
            case "OPTIONS" -> cors.preflight(exchange, this);
            case "POST" -> {
                if (!cors.allows(exchange)) {
                    problem(exchange, ProblemType.FORBIDDEN.problem());
                    return;
                }
                varyByAccept(exchange);
                byte[] body = exchange.body(edge.maxBodySize());
                exchange.answer(
                        body == null
                                ? edge.bodyTooLarge(path.get(1))
                                : edge.call(new Call(
                                        path.get(1),
                                        body,
                                        exchange.header("Content-Type"),
                                        exchange.header("Accept"))));
            }
            default -> notAllowed(exchange, "POST, OPTIONS");
        }
    }

    private void v1(Exchange exchange, List<String> path) {
        if (path.size() > 3
                || (path.size() == 3 && !Map.of("search", 1, "manipulate", 1).containsKey(path.get(1)))) {
            problem(exchange, ProblemType.NOT_FOUND.problem());
            return;
        }
        if (!exchange.isGet()) {
            exchange.route = path.size() == 1 ? "/v1" : "/v1/{text}";
            notAllowed(exchange, "GET, HEAD");
            return;
        }
        exchange.route = switch (path.size()) {
            case 1 -> "/v1";
            case 2 -> "/v1/{text}";
            default -> "/v1/" + path.get(1) + "/{text}";
        };
        boolean json = path.size() == 3 && path.get(1).equals("search");
        if (!json && !accepts(exchange, "text/html")) {
            return;
        }
        switch (path.size()) {
            case 1 -> monolith.form(exchange);
            case 2 -> monolith.page(exchange, path.get(1));
            default -> {
                if (path.get(1).equals("search")) {
                    monolith.search(exchange, path.get(2));
                } else {
                    monolith.manipulate(exchange, path.get(2));
                }
            }
        }
    }

    private void probe(Exchange exchange, List<String> path) {
        String name = path.size() == 2 ? path.get(1) : "";
        if (!name.equals("health") && !name.equals("ready") && !name.equals("metrics")) {
            problem(exchange, ProblemType.NOT_FOUND.problem());
            return;
        }
        exchange.route = "/_/" + name;
        if (!exchange.isGet()) {
            notAllowed(exchange, "GET, HEAD");
            return;
        }
        if (!name.equals("metrics") && !accepts(exchange, "text/plain")) {
            return;
        }
        switch (name) {
            case "health" -> up(exchange, probes.healthy());
            case "ready" -> up(exchange, probes.ready());
            default -> scrape(exchange);
        }
    }

    private static void up(Exchange exchange, boolean up) {
        exchange.send(up ? 200 : 503, TEXT, up ? OK : UNAVAILABLE);
    }

    /** The metrics in the Prometheus text format, or OpenMetrics when asked. */
    private void scrape(Exchange exchange) {
        PrometheusMeterRegistry registry = metrics.get();
        if (registry == null) {
            problem(exchange, ProblemType.NOT_FOUND.problem());
            return;
        }
        String accept = exchange.header("Accept");
        if (!Formats.accepts(accept, "text/plain") && !Formats.accepts(accept, "application/openmetrics-text")) {
            problem(exchange, ProblemType.NOT_ACCEPTABLE.problem());
            return;
        }
        String contentType = accept != null && accept.contains("application/openmetrics-text")
                ? "application/openmetrics-text; version=1.0.0; charset=utf-8"
                : "text/plain; version=0.0.4; charset=utf-8";
        exchange.send(200, contentType, registry.scrape(contentType).getBytes(StandardCharsets.UTF_8));
    }

    private void file(Exchange exchange, String name) {
        exchange.route = name.isEmpty() ? "/" : "/" + name;
        if (!exchange.isGet()) {
            notAllowed(exchange, "GET, HEAD");
            return;
        }
        StaticFiles.File file = files.get(name);
        if (!accepts(exchange, file.contentType().split(";")[0])) {
            return;
        }
        exchange.header("ETag", file.etag());
        exchange.header("Cache-Control", "no-cache");
        if (file.contentType().startsWith("text/html")) {
            exchange.header("Content-Security-Policy", SecurityHeaders.PAGE_POLICY);
        }
        if (file.etag().equals(exchange.header("If-None-Match"))) {
            exchange.send(304, null, new byte[0]);
        } else {
            exchange.send(200, file.contentType(), file.body());
        }
    }

    /** Whether the caller accepts the one type a route answers in; if not, it has been answered 406. */
    private boolean accepts(Exchange exchange, String mediaType) {
        if (Formats.accepts(exchange.header("Accept"), mediaType)) {
            return true;
        }
        problem(exchange, ProblemType.NOT_ACCEPTABLE.problem());
        return false;
    }

    private static void varyByAccept(Exchange exchange) {
        exchange.response.getHeaders().add("Vary", "Accept");
    }

    private void notAllowed(Exchange exchange, String allow) {
        exchange.header("Allow", allow);
        problem(exchange, ProblemType.METHOD_NOT_ALLOWED.problem());
    }

    void problem(Exchange exchange, Problem problem) {
        exchange.answer(edge.problem(problem, exchange.function));
    }
}
