package dev.portafunc.platform.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import dev.portafunc.platform.edge.Answer;
import dev.portafunc.platform.edge.Call;
import dev.portafunc.platform.edge.Edge;
import dev.portafunc.platform.function.Functions.Target;
import dev.portafunc.platform.observability.InvocationTally;
import dev.portafunc.platform.observability.TraceParent;
import dev.portafunc.platform.problem.ProblemType;
import dev.portafunc.platform.problem.Problems;
import dev.portafunc.platform.problem.RequestRejectedException;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.ReceiverContext;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.cloud.function.adapter.aws.AWSLambdaUtils;
import org.springframework.cloud.function.context.catalog.FunctionAroundWrapper;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.GenericMessage;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Lambda transport, around each invocation Spring Cloud Function's adapter makes (its {@code FunctionInvoker} on
 * the managed runtime, its custom-runtime event loop in the image). It translates Lambda's envelopes, and only them,
 * into a {@link Call} to the {@link Edge} and its {@link Answer} back:
 *
 * <ul>
 *   <li>an API Gateway (REST, HTTP API) or Function URL event becomes the HTTP request it stands for, and the answer a
 *       proxy response with the answer's status and headers, a problem included;
 *   <li>a direct invocation (Step Functions, EventBridge, another function) gives the input record as JSON (or the
 *       query as a JSON string) and gets the output record; a problem fails the invocation with a
 *       {@link FunctionError} whose type names the problem.
 * </ul>
 */
final class LambdaEdge extends FunctionAroundWrapper {

    private static final Logger log = LoggerFactory.getLogger(LambdaEdge.class);
    /** What the adapter marks an API Gateway or Function URL event with. */
    private static final String API_GATEWAY = "aws-api-gateway";
    /** Where the custom-runtime event loop puts the invocation's X-Ray trace header. */
    static final String RUNTIME_TRACE = "Lambda-Runtime-Trace-Id";
    /** Where the adapter reads a proxy response's status (AWSLambdaUtils.generateOutput). */
    private static final String STATUS_CODE = "statusCode";

    /** Asked for at the first invocation: the function catalog is made with this edge around its functions. */
    private final Supplier<Edge> edge;

    private final JsonMapper json;
    private final ObservationRegistry observations;

    /** Where each invocation's metrics go, or null when they are not written. */
    private final EmbeddedMetrics metrics;

    LambdaEdge(Supplier<Edge> edge, JsonMapper json, ObservationRegistry observations, EmbeddedMetrics metrics) {
        this.edge = edge;
        this.json = json;
        this.observations = observations;
        this.metrics = metrics;
    }

    /**
     * Each invocation observed ({@code portafunc.lambda.invocations}, tagged with the function and the problem it ended
     * in), continuing the trace Lambda gives in its X-Ray trace header; its logs carry the request id and trace id. Its
     * metrics are written as Embedded Metric Format documents once it is answered, but for SnapStart's priming.
     */
    @Override
    protected Object doApply(Object input, FunctionInvocationWrapper function) {
        Message<?> message = (Message<?>) input;
        Edge edge = this.edge.get();
        Target target = new Target(edge.functions().nameOf(function), function);
        String name = target.name();
        Optional<TraceParent> trace = TraceParent.fromXRay(traceHeader(message));
        String requestId = message.getHeaders().get(AWSLambdaUtils.AWS_CONTEXT) instanceof Context context
                ? context.getAwsRequestId()
                : null;
        ReceiverContext<Map<String, String>> context = new ReceiverContext<>(Map::get);
        context.setCarrier(trace.map(t -> Map.of("traceparent", t.header())).orElse(Map.of()));
        Observation observation = Observation.createNotStarted(
                        "portafunc.lambda.invocations", () -> context, observations)
                .contextualName("invoke " + name)
                .lowCardinalityKeyValue("function", name)
                .lowCardinalityKeyValue("problem", "none");
        if (requestId != null) {
            MDC.put("requestId", requestId);
        }
        trace.ifPresent(t -> MDC.put("traceId", t.traceId()));
        InvocationTally tally = metrics != null && !SnapStartPriming.PRIMING.isBound() ? new InvocationTally() : null;
        ScopedValue.Carrier scope = null;
        if (trace.isPresent()) {
            scope = ScopedValue.where(TraceParent.INCOMING, trace.get());
        }
        if (tally != null) {
            scope = scope == null
                    ? ScopedValue.where(InvocationTally.CURRENT, tally)
                    : scope.where(InvocationTally.CURRENT, tally);
        }
        long started = System.nanoTime();
        observation.start();
        try (Observation.Scope observed = observation.openScope()) {
            return scope == null
                    ? respond(edge, message, target, observation)
                    : scope.call(() -> respond(edge, message, target, observation));
        } finally {
            observation.stop();
            if (tally != null) {
                metrics.write(name, System.nanoTime() - started, tally);
            }
            MDC.remove("requestId");
            MDC.remove("traceId");
        }
    }

    /** The X-Ray trace header of this invocation: from the event loop, or as the managed runtime sets it. */
    private static String traceHeader(Message<?> message) {
        if (message.getHeaders().get(RUNTIME_TRACE) instanceof String header && !header.isBlank()) {
            return header;
        }
        String property = System.getProperty("com.amazonaws.xray.traceHeader");
        return property != null ? property : System.getenv("_X_AMZN_TRACE_ID");
    }

    private Object respond(Edge edge, Message<?> message, Target function, Observation observation) {
        // The edge invokes the function with its input record and writes the answer itself.
        function.function().setSkipOutputConversion(true);
        byte[] event = bytes(message.getPayload());
        boolean http = Boolean.TRUE.equals(message.getHeaders().get(API_GATEWAY));
        Answer answer;
        try {
            answer = edge.call(http ? httpCall(event) : directCall(event), function);
        } catch (RuntimeException failure) {
            answer = edge.problem(Problems.of(failure), function.name());
        }
        if (answer.isProblem()) {
            observation.lowCardinalityKeyValue("problem", answer.problemLabel());
            if (InvocationTally.CURRENT.isBound()) {
                InvocationTally.CURRENT.get().problem(answer.problemLabel());
            }
            log.info("Answered {} {}", answer.status(), answer.problemLabel());
        }
        if (http) {
            return proxyResponse(answer);
        }
        if (answer.isProblem()) {
            throw FunctionError.of(answer.problem());
        }
        return new GenericMessage<>(answer.body(), new ProxyHeaders(Map.of()));
    }

    /** An API Gateway or Function URL event, as the HTTP request it stands for. */
    private Call httpCall(byte[] raw) {
        LambdaEvent event;
        try {
            event = LambdaEvent.parse(json.readTree(raw));
        } catch (JacksonException e) {
            return new Call(null, raw, "application/json", null); // not an event after all: the edge says what is wrong
        }
        String accept = event.header("accept");
        return switch (event.method()) {
            case "GET", "HEAD" -> Call.text(null, event.query().getOrDefault("q", ""), accept);
            case "POST", "PUT" -> new Call(null, event.body(), event.header("content-type"), accept);
            default ->
                throw new RequestRejectedException(
                        ProblemType.METHOD_NOT_ALLOWED, "This function takes POST, or GET with ?q=");
        };
    }

    /** A direct invocation's payload: the input record as JSON, or the query as a JSON string. */
    private Call directCall(byte[] record) {
        try {
            JsonNode node = json.readTree(record);
            if (node != null && node.isString()) {
                return Call.text(null, node.asString(), null);
            }
        } catch (JacksonException e) {
            // not JSON: the edge says so
        }
        return new Call(null, record, "application/json", null);
    }

    /** A proxy response: the adapter turns these headers into {statusCode, headers, body, isBase64Encoded}. */
    private static Message<byte[]> proxyResponse(Answer answer) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(STATUS_CODE, answer.status());
        headers.putAll(answer.headers());
        return new GenericMessage<>(answer.body(), new ProxyHeaders(headers));
    }

    private byte[] bytes(Object payload) {
        if (payload instanceof byte[] bytes) {
            return bytes;
        }
        if (payload instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        return json.writeValueAsBytes(payload);
    }

    /**
     * Message headers without the id and timestamp every message gets, which would otherwise become HTTP headers. The
     * adapter reads the status from {@code statusCode} and then copies every header it lists into the response's HTTP
     * headers; the status is listed only as what it is, so no response carries a {@code statusCode} header.
     */
    private static final class ProxyHeaders extends MessageHeaders {
        ProxyHeaders(Map<String, Object> headers) {
            super(headers, ID_VALUE_NONE, -1L);
        }

        @Override
        public Set<String> keySet() {
            Set<String> keys = new LinkedHashSet<>(super.keySet());
            keys.remove(STATUS_CODE);
            return Collections.unmodifiableSet(keys);
        }
    }
}
