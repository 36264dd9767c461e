package dev.portafunc.platform.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import dev.portafunc.manipulate.Digest;
import dev.portafunc.manipulate.DigestFormat;
import dev.portafunc.platform.RequestBodies;
import dev.portafunc.platform.function.Functions;
import dev.portafunc.platform.observability.TraceParent;
import dev.portafunc.platform.problem.BodyTooLargeException;
import dev.portafunc.platform.problem.Problem;
import dev.portafunc.platform.problem.ProblemType;
import dev.portafunc.platform.problem.Problems;
import dev.portafunc.platform.problem.RequestRejectedException;
import dev.portafunc.search.InvalidInputException;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.ReceiverContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
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
import org.springframework.http.MediaType;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.GenericMessage;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.InvalidMimeTypeException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Lambda edge, around each invocation that Spring Cloud Function's adapter makes (its {@code FunctionInvoker} on
 * the managed runtime, its custom-runtime event loop in the image): it gives the function the same input and the caller
 * the same answers as the HTTP edge.
 *
 * <ul>
 *   <li>API Gateway and Function URL events: the body (JSON or a plain-text query) goes to the function; the answer
 *       is a proxy response in the format the event's {@code Accept} asks for; every known failure is its problem+json
 *       proxy response with its status (400, 413, 415, 502, 503 with Retry-After, 504), never a 200.
 *   <li>A direct invocation with the JSON record: the record comes back; a known failure fails the invocation with
 *       the problem as its message.
 *   <li>Anything unexpected is logged here and fails the invocation (Lambda's error path) with a message and no stack
 *       trace.
 * </ul>
 */
final class LambdaEdge extends FunctionAroundWrapper {

    private static final Logger log = LoggerFactory.getLogger(LambdaEdge.class);
    /** What the adapter marks an API Gateway or Function URL event with. */
    private static final String API_GATEWAY = "aws-api-gateway";

    private static final MediaType JSON = MediaType.APPLICATION_JSON;

    /** Where the custom-runtime event loop puts the invocation's X-Ray trace header. */
    static final String RUNTIME_TRACE = "Lambda-Runtime-Trace-Id";
    /** Where the adapter reads a proxy response's status (AWSLambdaUtils.generateOutput). */
    private static final String STATUS_CODE = "statusCode";

    /** Asked for at the first invocation: the function catalog is made with this edge around its functions. */
    private final Supplier<Functions> functions;

    private final JsonMapper json;
    private final long maxBodySize;
    private final ObservationRegistry observations;

    LambdaEdge(Supplier<Functions> functions, JsonMapper json, long maxBodySize, ObservationRegistry observations) {
        this.functions = functions;
        this.json = json;
        this.maxBodySize = maxBodySize;
        this.observations = observations;
    }

    /**
     * Each invocation observed ({@code portafunc.lambda.invocations}, with the function's exposed name, as the HTTP edge
     * tags its requests, and the problem it ended in),
     * continuing the trace Lambda gives in its X-Ray trace header; its logs carry the request id and trace id.
     */
    @Override
    protected Object doApply(Object input, FunctionInvocationWrapper function) {
        Message<?> message = (Message<?>) input;
        String name = functions.get().nameOf(function);
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
        observation.start();
        try (Observation.Scope scope = observation.openScope()) {
            return trace.isPresent()
                    ? ScopedValue.where(TraceParent.INCOMING, trace.get()).call(() -> respond(message, function))
                    : respond(message, function);
        } finally {
            observation.stop();
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

    private Object respond(Message<?> message, FunctionInvocationWrapper function) {
        // This edge writes the answer itself, in the format asked for.
        function.setSkipOutputConversion(true);
        byte[] event = bytes(message.getPayload());
        if (Boolean.TRUE.equals(message.getHeaders().get(API_GATEWAY))) {
            return http(event, function);
        }
        return direct(event, function);
    }

    private Message<byte[]> http(byte[] raw, FunctionInvocationWrapper function) {
        try {
            LambdaEvent event = LambdaEvent.parse(json.readTree(raw));
            Message<byte[]> request = request(event);
            Object output = function.apply(request);
            Object result = output instanceof Message<?> m ? m.getPayload() : output;
            Optional<MediaType> format = negotiate(event.header("accept"), result instanceof Digest);
            if (format.isEmpty()) {
                throw new RequestRejectedException(ProblemType.NOT_ACCEPTABLE);
            }
            return response(200, format.get(), render(result, format.get()), null);
        } catch (RuntimeException failure) {
            return problem(Problems.known(failure).orElseThrow(() -> unexpected(failure)));
        }
    }

    private Message<byte[]> direct(byte[] record, FunctionInvocationWrapper function) {
        try {
            String contentType =
                    RequestBodies.firstNonBlank(record) == '"' ? MediaType.TEXT_PLAIN_VALUE : JSON.toString();
            byte[] body = contentType.equals(MediaType.TEXT_PLAIN_VALUE)
                    ? json.readValue(record, String.class).getBytes(StandardCharsets.UTF_8)
                    : record;
            Object output = function.apply(MessageBuilder.withPayload(body)
                    .setHeader(MessageHeaders.CONTENT_TYPE, contentType)
                    .build());
            Object result = output instanceof Message<?> m ? m.getPayload() : output;
            return new GenericMessage<>(json.writeValueAsBytes(result), new ProxyHeaders(Map.of()));
        } catch (RuntimeException failure) {
            throw Problems.known(failure)
                    .<RuntimeException>map(problem -> {
                        observed(problem);
                        return new FunctionProblem(problem);
                    })
                    .orElseGet(() -> unexpected(failure));
        }
    }

    /** The body as the HTTP edge would take it: the same content types, size limit and single-object rule. */
    private Message<byte[]> request(LambdaEvent event) {
        byte[] body = event.body();
        String contentType = event.header("content-type");
        if (event.method().equals("GET")) {
            String query = event.query().get("q");
            if (query == null) {
                throw new InvalidInputException("query", "query must not be empty: POST it, or GET with ?q=");
            }
            body = query.getBytes(StandardCharsets.UTF_8);
            contentType = MediaType.TEXT_PLAIN_VALUE;
        } else if (!event.method().equals("POST") && !event.method().equals("PUT")) {
            throw new RequestRejectedException(
                    ProblemType.METHOD_NOT_ALLOWED, "This function takes POST, or GET with ?q=");
        }
        if (body.length > maxBodySize) {
            throw new RequestRejectedException(
                    ProblemType.BODY_TOO_LARGE, new BodyTooLargeException(maxBodySize).getMessage());
        }
        if (RequestBodies.firstNonBlank(body) < 0) {
            throw new InvalidInputException("query", "query must not be empty");
        }
        MediaType type = mediaType(contentType);
        if (type == null || !RequestBodies.isAccepted(contentType)) {
            throw new RequestRejectedException(
                    ProblemType.UNSUPPORTED_MEDIA_TYPE, RequestBodies.unsupported(contentType));
        }
        if (type.isCompatibleWith(JSON) && RequestBodies.firstNonBlank(body) != '{') {
            throw new InvalidInputException("body", "The request body must be one JSON object");
        }
        return MessageBuilder.withPayload(body)
                .setHeader(MessageHeaders.CONTENT_TYPE, type.toString())
                .build();
    }

    private byte[] render(Object result, MediaType format) {
        if (format.isCompatibleWith(JSON)) {
            return json.writeValueAsBytes(result);
        }
        String mediaType = format.getType() + "/" + format.getSubtype();
        return DigestFormat.forMediaType(mediaType)
                .orElseThrow()
                .render((Digest) result)
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The first format the caller accepts, by quality then specificity; JSON when it accepts anything. */
    static Optional<MediaType> negotiate(String accept, boolean digest) {
        List<MediaType> producible = new ArrayList<>(List.of(JSON));
        if (digest) {
            DigestFormat.all().forEach(f -> producible.add(MediaType.parseMediaType(f.mediaType())));
        }
        List<MediaType> accepted;
        try {
            accepted = new ArrayList<>(
                    accept == null || accept.isBlank() ? List.of(MediaType.ALL) : MediaType.parseMediaTypes(accept));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        accepted.sort(Comparator.comparingDouble(MediaType::getQualityValue)
                .reversed()
                .thenComparing(t -> t.isWildcardType() ? 2 : t.isWildcardSubtype() ? 1 : 0));
        for (MediaType wanted : accepted) {
            if (wanted.getQualityValue() == 0) {
                continue;
            }
            for (MediaType candidate : producible) {
                if (wanted.includes(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private Message<byte[]> problem(Problem problem) {
        observed(problem);
        return response(
                problem.status(),
                MediaType.parseMediaType(Problem.MEDIA_TYPE),
                json.writeValueAsBytes(problem),
                problem.retryAfterSeconds());
    }

    /** A proxy response: the adapter turns these headers into {statusCode, headers, body, isBase64Encoded}. */
    private static Message<byte[]> response(int status, MediaType type, byte[] body, String retryAfter) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(STATUS_CODE, status);
        String contentType = type.isCompatibleWith(JSON) || type.getSubtype().endsWith("json")
                ? type.toString()
                : type + ";charset=UTF-8";
        headers.put("Content-Type", contentType);
        if (retryAfter != null) {
            headers.put("Retry-After", retryAfter);
        }
        return new GenericMessage<>(body, new ProxyHeaders(headers));
    }

    /** The problem an invocation ends in, on its observation and in the log (CloudWatch metric filters count them). */
    private void observed(Problem problem) {
        String type =
                problem.type().toString().substring(problem.type().toString().lastIndexOf(':') + 1);
        Observation current = observations.getCurrentObservation();
        if (current != null) {
            current.lowCardinalityKeyValue("problem", type);
        }
        log.info("Answered {} {}", problem.status(), type);
    }

    private static RuntimeException unexpected(RuntimeException failure) {
        Problems.of(failure); // logged there, with its stack trace, for the operator
        return new UnexpectedFailure();
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

    private static MediaType mediaType(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return MediaType.parseMediaType(value);
        } catch (InvalidMimeTypeException e) {
            return null;
        }
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

    /** A failure portafunc understands, for a direct invocation: Lambda reports its message, the problem. */
    static final class FunctionProblem extends RuntimeException {
        FunctionProblem(Problem problem) {
            super(
                    problem.status() + " " + problem.title() + ": " + problem.detail()
                            + (problem.field() == null ? "" : " (field " + problem.field() + ")"),
                    null,
                    false,
                    false);
        }
    }

    /** A failure nobody planned for: Lambda's error path, with no detail or stack trace for the caller. */
    static final class UnexpectedFailure extends RuntimeException {
        UnexpectedFailure() {
            super("The function failed unexpectedly; the failure is logged.", null, false, false);
        }
    }
}
