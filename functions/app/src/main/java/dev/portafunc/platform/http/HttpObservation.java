package dev.portafunc.platform.http;

import dev.portafunc.platform.observability.TraceParent;
import dev.portafunc.platform.observability.Tracing;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.ReceiverContext;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;
import org.slf4j.MDC;

/**
 * Each request observed as {@code http.server.requests} (a timer per route, method, status, outcome, and the
 * {@code function} it invoked and the {@code problem} it was answered with; {@code none} for either when there was
 * none), continuing the caller's trace. A CloudEvent in binary mode carries its trace context as {@code ce-traceparent}
 * and {@code ce-tracestate} (the CloudEvents distributed-tracing extension), read when there is no {@code traceparent}.
 * With tracing off, the caller's trace id still goes into the logs ({@code traceId}) and its {@code traceparent}
 * onwards with every upstream call the request makes.
 */
final class HttpObservation {

    static final String NAME = "http.server.requests";
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private final ObservationRegistry registry;
    private final Tracing tracing;

    HttpObservation(ObservationRegistry registry, Tracing tracing) {
        this.registry = registry;
        this.tracing = tracing;
    }

    /** What serves the request. */
    interface Route {
        void serve(Exchange exchange) throws Exception;
    }

    /** Serves the request in its observation and trace context; the observation stops once the response is written. */
    void observe(Request request, Exchange exchange, Route route) throws Exception {
        Callback callback = exchange.callback();
        ReceiverContext<Request> context = new ReceiverContext<>(HttpObservation::traceHeader);
        context.setCarrier(request);
        Observation observation = Observation.createNotStarted(NAME, () -> context, registry);
        observation.start();
        Callback done = new Callback() {
            @Override
            public void succeeded() {
                // The response is out: whatever recording it meets, the exchange completes.
                try {
                    stop(observation, exchange, null);
                } finally {
                    callback.succeeded();
                }
            }

            @Override
            public void failed(Throwable failure) {
                try {
                    stop(observation, exchange, failure);
                } finally {
                    callback.failed(failure);
                }
            }

            @Override
            public InvocationType getInvocationType() {
                return callback.getInvocationType();
            }
        };
        exchange.completeWith(done);
        try (Observation.Scope scope = observation.openScope()) {
            Optional<TraceParent> incoming =
                    tracing.enabled() ? Optional.empty() : TraceParent.parse(traceHeader(request, "traceparent"));
            if (incoming.isEmpty()) {
                route.serve(exchange);
                return;
            }
            MDC.put("traceId", incoming.get().traceId());
            try {
                ScopedValue.where(TraceParent.INCOMING, incoming.get()).call(() -> {
                    route.serve(exchange);
                    return null;
                });
            } finally {
                MDC.remove("traceId");
            }
        }
    }

    private static void stop(Observation observation, Exchange exchange, Throwable failure) {
        int status = exchange.response.getStatus();
        String method = exchange.method().toUpperCase(Locale.ROOT);
        observation.lowCardinalityKeyValues(KeyValues.of(
                "exception",
                failure == null ? "none" : failure.getClass().getSimpleName(),
                "method",
                METHODS.contains(method) ? method : "UNKNOWN",
                "outcome",
                outcome(status),
                "status",
                Integer.toString(status),
                "uri",
                exchange.route,
                "function",
                exchange.function,
                "problem",
                exchange.problem));
        observation.contextualName("http " + method.toLowerCase(Locale.ROOT) + " " + exchange.route);
        observation.stop();
    }

    private static String outcome(int status) {
        return switch (status / 100) {
            case 1 -> "INFORMATIONAL";
            case 2 -> "SUCCESS";
            case 3 -> "REDIRECTION";
            case 4 -> "CLIENT_ERROR";
            case 5 -> "SERVER_ERROR";
            default -> "UNKNOWN";
        };
    }

    /** A trace-context header, or the CloudEvent extension that carries it in binary mode. */
    private static String traceHeader(Request request, String name) {
        String value = request.getHeaders().get(name);
        return value != null ? value : request.getHeaders().get("ce-" + name);
    }
}
