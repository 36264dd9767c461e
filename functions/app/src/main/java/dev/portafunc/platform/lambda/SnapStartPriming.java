package dev.portafunc.platform.lambda;

import dev.portafunc.platform.function.Functions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.crac.Context;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.function.adapter.aws.AWSLambdaUtils;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;
import org.springframework.cloud.function.json.JsonMapper;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * SnapStart priming. Lambda initialises a published version once, snapshots the environment and restores that
 * snapshot for every cold start; whatever ran before the snapshot never runs again. So before it, this runs the
 * functions on real inputs (classes loaded and linked, lazy singletons made, the hot paths interpreted and compiled)
 * and every cold start begins where a warmed-up instance would be.
 *
 * <p>Each priming invocation takes the path a real one takes through the managed runtime's handler
 * ({@code FunctionInvoker}): the event read by the adapter, the function called with the {@link LambdaEdge} around it,
 * the answer written as the adapter writes it. Half of them are HTTP API events (payload 2.0, as HTTP API routes and
 * Function URLs send), half direct invocations with the JSON record, each with an X-Ray trace header as Lambda sends
 * one with every invocation. Priming the functions alone left the first invocation after a restore at about 20 ms,
 * the edge and the adapter's event handling still cold; this way it is about 11 ms, against 2-3 ms warm
 * ({@code bench/lambda/run.sh}, bench/results/lambda-2026-11-27.md).
 *
 * <p>Priming never calls a paid or remote upstream: {@code manipulate} gets sample results, and {@code search} runs only
 * on the embedded index. It runs only while Lambda initialises for SnapStart ({@code AWS_LAMBDA_INITIALIZATION_TYPE
 * =snap-start}), first of the hooks {@code CheckpointHooks} runs through the CRaC API that Lambda's runtime hooks
 * implement.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class SnapStartPriming implements Resource {

    private static final Logger log = LoggerFactory.getLogger(SnapStartPriming.class);

    static final String RESULTS = """
            {"query": "knative scale to zero", "provider": "priming", "totalResults": 3, "searchTimeMs": 9, "items": [
             {"title": "Knative <b>Serving</b> &amp; scale to zero", "link": "https://knative.dev/docs/?utm_source=x",
              "displayLink": "knative.dev", "snippet": "Knative scales to <i>zero</i> and back."},
             {"title": "Cold starts", "link": "https://example.org/cold", "snippet": "Every first request pays it."},
             {"title": "Duplicate", "link": "https://knative.dev/docs", "snippet": "again"}]}""";

    static final int ROUNDS = 50;

    /** Bound while priming: its invocations are no one's, so they write no metrics. */
    static final ScopedValue<Boolean> PRIMING = ScopedValue.newInstance();

    /**
     * Lambda gives every invocation an X-Ray trace header, and the edge continues its trace. This one is not sampled,
     * so with tracing on (a parent-based sampler) priming exports no spans.
     */
    private static final String TRACE = "Root=1-6740f0a1-0123456789abcdef01234567;Parent=0123456789abcdef;Sampled=0";

    private final Functions functions;
    private final Environment environment;
    private final JsonMapper adapterJson;
    private final tools.jackson.databind.json.JsonMapper json;

    SnapStartPriming(
            Functions functions,
            Environment environment,
            JsonMapper adapterJson,
            tools.jackson.databind.json.JsonMapper json) {
        this.functions = functions;
        this.environment = environment;
        this.adapterJson = adapterJson;
        this.json = json;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        if (!Lambda.isSnapStart(environment::getProperty)) {
            return;
        }
        long started = System.nanoTime();
        int invocations = prime();
        log.info(
                "Primed {} invocations before the snapshot in {} ms",
                invocations,
                (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing priming did outlives the snapshot: it made no upstream call, so no cache holds its answers.
    }

    /** Runs the exposed functions on sample inputs; returns how many invocations were answered. */
    int prime() {
        return ScopedValue.where(PRIMING, Boolean.TRUE).call(this::primeRounds);
    }

    private int primeRounds() {
        boolean local = "local".equalsIgnoreCase(environment.getProperty("portafunc.search.provider", "local"))
                && environment.getProperty("portafunc.search.remote.url", "").isBlank();
        List<String> queries = List.of("knative cold start", "apache lucene", "scale to zero", "serverless functions");
        int invocations = 0;
        for (int round = 0; round < ROUNDS; round++) {
            boolean http = round % 2 == 0;
            invocations += invoke("manipulate", RESULTS, http);
            if (local) {
                String query = queries.get(round % queries.size());
                String request = "{\"query\": \"" + query + "\"}";
                invocations += invoke("search", request, http);
                invocations += invoke("searchManipulate", request, http);
            }
        }
        return invocations;
    }

    /** One invocation as {@code FunctionInvoker.handleRequest} makes it; 1 if it was answered, 0 if not. */
    private int invoke(String name, String body, boolean http) {
        Functions.Target target = functions.find(name);
        if (target == null) {
            return 0;
        }
        FunctionInvocationWrapper function = target.function();
        byte[] event = (http ? httpApiEvent(name, body) : body).getBytes(StandardCharsets.UTF_8);
        try {
            Message<byte[]> request = MessageBuilder.fromMessage(AWSLambdaUtils.generateMessage(
                            event, function.getInputType(), function.isSupplier(), adapterJson))
                    .setHeader(LambdaEdge.RUNTIME_TRACE, TRACE)
                    .build();
            Object answer = function.apply(request);
            byte[] output =
                    AWSLambdaUtils.generateOutputFromObject(request, answer, adapterJson, function.getOutputType());
            if (http && json.readTree(output).path("statusCode").asInt() != 200) {
                log.warn("Priming {} was answered {}", name, new String(output, StandardCharsets.UTF_8));
                return 0;
            }
            return 1;
        } catch (RuntimeException e) {
            log.warn("Priming {} failed: {}", name, e.getMessage());
            return 0;
        }
    }

    /** An HTTP API event (payload 2.0) posting a JSON body to the function's route. */
    private String httpApiEvent(String name, String body) {
        ObjectNode event = json.createObjectNode()
                .put("version", "2.0")
                .put("routeKey", "POST /" + name)
                .put("rawPath", "/" + name)
                .put("rawQueryString", "")
                .put("isBase64Encoded", false)
                .put("body", body);
        event.putObject("headers").put("content-type", "application/json").put("accept", "application/json");
        ObjectNode request = event.putObject("requestContext")
                .put("requestId", "priming")
                .put("routeKey", "POST /" + name)
                .put("stage", "$default");
        request.putObject("http")
                .put("method", "POST")
                .put("path", "/" + name)
                .put("protocol", "HTTP/1.1")
                .put("sourceIp", "127.0.0.1")
                .put("userAgent", "portafunc-priming");
        return json.writeValueAsString(event);
    }
}
