package dev.portafunc.platform.http;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits and manners of the HTTP server.
 *
 * @param enabled whether the HTTP server starts; off on AWS Lambda, whose Runtime API hands the functions their events
 * @param maxBodySize the largest request body accepted; a larger one is answered 413 before it is read, or as soon as
 *     a chunked one passes the limit
 * @param requestTimeout how long a client has to send a whole request, headers and body, from its first byte (or, for
 *     a connection's first request, from when it connects); a slower one is disconnected, so that slow clients cannot
 *     hold connections, and health with them
 * @param idleTimeout how long a connection may stay open with no request on it; above the idle timeout of the
 *     platform's proxy, which then always closes first
 * @param maxConnections the most connections served at once; further ones wait in the backlog. 0 sizes it to the
 *     memory the JVM may use: a connection can hold a request body and its buffers
 * @param maxHeaderSize the largest request line and headers accepted (431 beyond)
 * @param shutdownDelay on SIGTERM, how long to keep serving after readiness has gone down, before new connections are
 *     refused (in-flight requests are always finished): give a load balancer that polls readiness time to notice.
 *     Knative's queue-proxy and OpenFaaS's gateway drain themselves, so the default is none.
 */
@ConfigurationProperties("portafunc.web")
public record WebProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("64KB") DataSize maxBodySize,
        @DefaultValue("10s") Duration requestTimeout,
        @DefaultValue("65s") Duration idleTimeout,
        @DefaultValue("0") int maxConnections,
        @DefaultValue("16KB") DataSize maxHeaderSize,
        @DefaultValue("0s") Duration shutdownDelay) {

    /** {@link #maxConnections}, or when 0, as many as a quarter of the heap holds at a full body and buffers each. */
    public int connections() {
        if (maxConnections > 0) {
            return maxConnections;
        }
        long perConnection = maxBodySize.toBytes() + 64 * 1024;
        long fit = Runtime.getRuntime().maxMemory() / 4 / perConnection;
        return (int) Math.clamp(fit, 64, 10_000);
    }
}
