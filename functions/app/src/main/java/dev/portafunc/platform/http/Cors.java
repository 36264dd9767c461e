package dev.portafunc.platform.http;

import dev.portafunc.platform.problem.ProblemType;
import java.util.Set;

/**
 * Lets pages from {@code portafunc.web.cors.allowed-origins} call {@code /v2}, preflight included. With none
 * configured, nothing is added and no cross-origin call can read an answer; with some, a cross-origin call from any
 * other origin is refused (403).
 */
final class Cors {

    /** How long a browser may reuse a preflight's answer, in seconds. */
    static final String MAX_AGE = "3600";

    private final Set<String> allowed;

    Cors(CorsProperties properties) {
        this.allowed = Set.copyOf(properties.allowedOrigins());
    }

    /**
     * Answers an {@code OPTIONS}: a preflight (with {@code Access-Control-Request-Method}) from an allowed origin gets
     * leave to {@code POST}, one from any other a 403; without any origin configured, it gets the methods the path
     * takes.
     */
    void preflight(Exchange exchange, Routes routes) {
        String origin = exchange.header("Origin");
        if (allowed.isEmpty() || origin == null || exchange.header("Access-Control-Request-Method") == null) {
            exchange.header("Allow", "POST, OPTIONS");
            exchange.send(204, null, new byte[0]);
            return;
        }
        if (!allowed.contains(origin) || !"POST".equals(exchange.header("Access-Control-Request-Method"))) {
            routes.problem(exchange, ProblemType.FORBIDDEN.problem());
            return;
        }
        exchange.header("Access-Control-Allow-Origin", origin);
        exchange.header("Access-Control-Allow-Methods", "POST");
        exchange.header("Access-Control-Allow-Headers", "Content-Type, Accept");
        exchange.header("Access-Control-Max-Age", MAX_AGE);
        exchange.header("Vary", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
        exchange.send(200, null, new byte[0]);
    }

    /**
     * Adds the headers that let an allowed origin read the answer; false when the call comes from an origin that is
     * not allowed, which is then refused.
     */
    boolean allows(Exchange exchange) {
        String origin = exchange.header("Origin");
        if (allowed.isEmpty() || origin == null || !exchange.isCrossOrigin(origin)) {
            return true;
        }
        if (!allowed.contains(origin)) {
            return false;
        }
        exchange.header("Access-Control-Allow-Origin", origin);
        // A page can only read the headers it is told about: the wait a 503 asks for is one.
        exchange.header("Access-Control-Expose-Headers", "Retry-After");
        exchange.header("Vary", "Origin");
        return true;
    }
}
