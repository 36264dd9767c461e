package dev.portafunc.platform.probes;

import dev.portafunc.search.SearchFunction;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.stereotype.Component;

/**
 * What the health and readiness paths every platform probes answer (OpenFaaS's {@code /_/health} and
 * {@code /_/ready}, used by the Knative manifests too). Readiness follows Spring Boot's application availability,
 * refused until the context is fully started (index opened, providers configured) and again as soon as shutdown
 * begins; and it is refused while the search cannot ever succeed as configured (a chain of {@code google} alone past
 * its end date, a SearXNG without its JSON API). An upstream that is only down or slow keeps the instance ready: its
 * callers get a 503 with {@code Retry-After}, and a platform does not take every instance out of service for it.
 */
@Component
public class Probes {

    private static final Logger log = LoggerFactory.getLogger(Probes.class);

    private final ApplicationAvailability availability;
    private final ObjectProvider<SearchFunction> search;
    private volatile Optional<String> lastReason = Optional.empty();

    Probes(ApplicationAvailability availability, ObjectProvider<SearchFunction> search) {
        this.availability = availability;
        this.search = search;
    }

    public boolean ready() {
        if (availability.getReadinessState() != ReadinessState.ACCEPTING_TRAFFIC) {
            return false;
        }
        SearchFunction function = search.getIfAvailable();
        Optional<String> reason = function == null ? Optional.empty() : function.unusable();
        if (!reason.equals(lastReason)) {
            lastReason = reason;
            reason.ifPresentOrElse(
                    why -> log.error("Not ready: no search can succeed as configured: {}", why),
                    () -> log.info("Ready: the search can succeed again"));
        }
        return reason.isEmpty();
    }

    /** Live and ready: OpenFaaS's watchdog answers its health path so. */
    public boolean healthy() {
        return availability.getLivenessState() == LivenessState.CORRECT && ready();
    }
}
