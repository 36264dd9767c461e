package dev.portafunc.platform.lambda;

import dev.portafunc.platform.function.Functions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

/**
 * SnapStart priming. Lambda initialises a published version once, snapshots the environment and restores that
 * snapshot for every cold start; whatever ran before the snapshot never runs again. So before it, this runs the
 * functions on real inputs (classes loaded and linked, lazy singletons made, the hot paths interpreted and compiled)
 * and every cold start begins where a warmed-up instance would be.
 *
 * <p>Priming never calls a paid or remote upstream: {@code manipulate} gets sample results, and {@code search} runs only
 * on the embedded index. Registered only while Lambda initialises for SnapStart ({@code AWS_LAMBDA_INITIALIZATION_TYPE
 * =snap-start}), through the CRaC API that Lambda's runtime hooks implement.
 */
@Component
public class SnapStartPriming implements Resource {

    private static final Logger log = LoggerFactory.getLogger(SnapStartPriming.class);

    static final String RESULTS = """
            {"query": "knative scale to zero", "provider": "priming", "totalResults": 3, "searchTimeMs": 9, "items": [
             {"title": "Knative <b>Serving</b> &amp; scale to zero", "link": "https://knative.dev/docs/?utm_source=x",
              "displayLink": "knative.dev", "snippet": "Knative scales to <i>zero</i> and back."},
             {"title": "Cold starts", "link": "https://example.org/cold", "snippet": "Every first request pays it."},
             {"title": "Duplicate", "link": "https://knative.dev/docs", "snippet": "again"}]}""";

    static final int ROUNDS = 50;

    private final Functions functions;
    private final Environment environment;

    SnapStartPriming(Functions functions, Environment environment) {
        this.functions = functions;
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void register() {
        if (Lambda.isSnapStart(environment::getProperty)) {
            Core.getGlobalContext().register(this); // held here, by this singleton: the context keeps weak references
        }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
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

    /** Runs the exposed functions on sample inputs; returns how many invocations it made. */
    int prime() {
        boolean local = "local".equalsIgnoreCase(environment.getProperty("portafunc.search.provider", "local"))
                && environment.getProperty("portafunc.search.remote.url", "").isBlank();
        List<String> queries = List.of("knative cold start", "apache lucene", "scale to zero", "serverless functions");
        int invocations = 0;
        for (int round = 0; round < ROUNDS; round++) {
            invocations += invoke("manipulate", RESULTS, "application/json");
            if (local) {
                String query = queries.get(round % queries.size());
                String request = "{\"query\": \"" + query + "\"}";
                invocations += invoke("search", request, "application/json");
                invocations += invoke("searchManipulate", request, "application/json");
            }
        }
        return invocations;
    }

    private int invoke(String name, String body, String contentType) {
        var function = functions.find(name);
        if (function == null) {
            return 0;
        }
        Message<byte[]> input = MessageBuilder.withPayload(body.getBytes(StandardCharsets.UTF_8))
                .setHeader(MessageHeaders.CONTENT_TYPE, contentType)
                .build();
        try {
            function.apply(input);
            return 1;
        } catch (RuntimeException e) {
            log.warn("Priming {} failed: {}", name, e.getMessage());
            return 0;
        }
    }
}
