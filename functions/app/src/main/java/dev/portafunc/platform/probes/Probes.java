package dev.portafunc.platform.probes;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.stereotype.Component;

/**
 * What the health and readiness paths every platform probes answer (OpenFaaS's {@code /_/health} and
 * {@code /_/ready}, used by the Knative manifests too): readiness follows Spring Boot's application availability,
 * refused until the context is fully started (index opened, providers configured) and again as soon as shutdown begins,
 * before the server stops taking connections.
 */
@Component
public class Probes {

    private final ApplicationAvailability availability;

    Probes(ApplicationAvailability availability) {
        this.availability = availability;
    }

    public boolean ready() {
        return availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC;
    }

    /** Live and ready: OpenFaaS's watchdog answers its health path so. */
    public boolean healthy() {
        return availability.getLivenessState() == LivenessState.CORRECT && ready();
    }
}
