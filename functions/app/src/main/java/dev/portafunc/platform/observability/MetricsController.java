package dev.portafunc.platform.observability;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The metrics, in the Prometheus text format (or OpenMetrics when asked), at {@code /_/metrics}, beside the health and
 * readiness paths: per function invocations, latency histogram and problems ({@code http_server_requests_seconds} with
 * {@code function} and {@code problem} labels), per provider calls, retries, circuit state, cache and quota
 * ({@code portafunc_search_*}), and the JVM's.
 */
@RestController
class MetricsController {

    private final PrometheusMeterRegistry registry;

    MetricsController(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @GetMapping(
            path = "/_/metrics",
            produces = {"text/plain", "application/openmetrics-text"})
    ResponseEntity<String> scrape(@RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        String contentType = accept != null && accept.contains("application/openmetrics-text")
                ? "application/openmetrics-text; version=1.0.0; charset=utf-8"
                : "text/plain; version=0.0.4; charset=utf-8";
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_TYPE, contentType).body(registry.scrape(contentType));
    }
}
