package dev.portafunc.platform.probes;

import dev.portafunc.platform.http.WebProperties;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * On shutdown, reports not ready at once (as the context begins to close, before any lifecycle stops), then keeps serving for {@code portafunc.web.shutdown-delay} after readiness has gone down, before the web
 * server stops taking connections: time for a load balancer that polls readiness to stop sending traffic, so that no
 * new connection is refused while it still thinks the instance is ready. This lifecycle stops first.
 */
@Component
class ShutdownDelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ShutdownDelay.class);

    private final Duration delay;
    private volatile boolean running;

    ShutdownDelay(WebProperties web) {
        this.delay = web.shutdownDelay();
    }

    @EventListener
    void closing(ContextClosedEvent event) {
        AvailabilityChangeEvent.publish(event.getApplicationContext(), ReadinessState.REFUSING_TRAFFIC);
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        if (!delay.isZero() && !delay.isNegative()) {
            log.info("Not ready; serving {} ms more before refusing new connections", delay.toMillis());
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE; // stops before everything else, the web server included
    }
}
