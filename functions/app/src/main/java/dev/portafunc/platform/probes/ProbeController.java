package dev.portafunc.platform.probes;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The health and readiness paths every platform probes: OpenFaaS's {@code /_/health} and {@code /_/ready} (its
 * watchdog's contract: 200 "OK" or 503), used by the Knative manifests too.
 *
 * <p>Readiness follows Spring Boot's application availability: refused until the context is fully started (index
 * built, provider configured), refused again as soon as shutdown begins, before the server stops taking connections.
 */
@RestController
class ProbeController {

    private final ApplicationAvailability availability;

    ProbeController(ApplicationAvailability availability) {
        this.availability = availability;
    }

    @GetMapping(path = "/_/health", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> health() {
        boolean live = availability.getLivenessState() == LivenessState.CORRECT;
        return live && ready() ? ok() : unavailable();
    }

    @GetMapping(path = "/_/ready", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> readiness() {
        return ready() ? ok() : unavailable();
    }

    private boolean ready() {
        return availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC;
    }

    private static ResponseEntity<String> ok() {
        return ResponseEntity.ok("OK");
    }

    private static ResponseEntity<String> unavailable() {
        return ResponseEntity.status(503).body("Service Unavailable");
    }
}
