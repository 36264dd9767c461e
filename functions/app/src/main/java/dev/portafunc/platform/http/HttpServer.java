package dev.portafunc.platform.http;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.LowResourceMonitor;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.MapPropertySource;

/**
 * The HTTP server: Jetty's core server (no servlets), serving {@link Routes} on {@code server.port}. Each request runs
 * on a virtual thread, so a call to a provider waits without holding a platform thread. Connections are capped
 * ({@code portafunc.web.max-connections}), must deliver each request within {@code portafunc.web.request-timeout}
 * ({@link RequestDeadline}), and close after {@code portafunc.web.idle-timeout} without one.
 *
 * <p>Starts last and stops first: on shutdown it stops taking connections and finishes the requests it has, for at most
 * {@code spring.lifecycle.timeout-per-shutdown-phase}. Once listening, the port is published as
 * {@code local.server.port}.
 */
final class HttpServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);

    /** Where Spring Boot's web servers start and stop, after every other bean and before them. */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1024;

    private final ServerProperties server;
    private final WebProperties web;
    private final Handler routes;
    private final org.eclipse.jetty.server.Request.Handler errors;
    private final ConfigurableApplicationContext context;
    private final Duration stopTimeout;
    private Server jetty;

    HttpServer(
            ServerProperties server,
            WebProperties web,
            Handler routes,
            org.eclipse.jetty.server.Request.Handler errors,
            ConfigurableApplicationContext context,
            Duration stopTimeout) {
        this.server = server;
        this.web = web;
        this.routes = routes;
        this.errors = errors;
        this.context = context;
        this.stopTimeout = stopTimeout;
    }

    @Override
    public void start() {
        // The pool's own queue: Jetty's default one sizes itself at class initialisation by asking the platform MBean
        // server whether references are compressed, which creates that server and registers every platform MXBean
        // (about 50 ms of each start, bench/results/levers-2026-12-08.md). Nothing else here needs it.
        QueuedThreadPool threads = new QueuedThreadPool(16, 2, new LinkedBlockingQueue<>());
        threads.setName("http");
        threads.setVirtualThreadsExecutor(Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("http-", 0).factory()));
        Server jetty = new Server(threads);

        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize((int) web.maxHeaderSize().toBytes());
        http.setIdleTimeout(web.idleTimeout().toMillis());
        http.setHttpCompliance(HttpCompliance.RFC9110);
        // A path segment is decoded on its own by the routes, so an encoded '/' is part of a query, never a separator.
        http.setUriCompliance(UriCompliance.DEFAULT.with(
                "portafunc",
                UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR,
                UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING,
                UriCompliance.Violation.SUSPICIOUS_PATH_CHARACTERS));

        // One acceptor thread: on shutdown, closing the listening socket interrupts its accept at once, so new
        // connections
        // are refused while the requests in flight finish (a selector would keep accepting until it next woke).
        ServerConnector connector = new ServerConnector(jetty, 1, 1, new RequestDeadline(http, web.requestTimeout()));
        connector.setPort(server.port());
        connector.setIdleTimeout(web.idleTimeout().toMillis());
        connector.setAcceptQueueSize(128);
        jetty.addConnector(connector);
        int connections = web.connections();
        jetty.addBean(new NetworkConnectionLimit(connections, connector));
        // Near the cap, connections idle between requests are closed sooner, so that the slots go to callers with
        // requests (a platform's proxy reopens what it needs).
        LowResourceMonitor nearTheCap = new LowResourceMonitor(jetty);
        nearTheCap.setMonitoredConnectors(List.of(connector));
        nearTheCap.setLowResourceChecks(Set.of(nearTheCap.new MaxConnectionsLowResourceCheck(connections * 3 / 4)));
        nearTheCap.setLowResourcesIdleTimeout((int)
                Math.min(web.idleTimeout().toMillis(), 2 * web.requestTimeout().toMillis()));
        nearTheCap.setAcceptingInLowResources(true);
        jetty.addBean(nearTheCap);

        jetty.setHandler(new GracefulHandler(routes));
        jetty.setErrorHandler(errors);
        jetty.setStopTimeout(stopTimeout.toMillis());
        jetty.setStopAtShutdown(false); // Spring's shutdown hook stops it, after readiness has gone down
        try {
            jetty.start();
        } catch (Exception e) {
            throw new IllegalStateException("The HTTP server could not start on port " + server.port(), e);
        }
        this.jetty = jetty;
        int port = connector.getLocalPort();
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource("server.ports", Map.of("local.server.port", port)));
        log.info("Listening on port {}", port);
    }

    @Override
    public void stop() {
        Server running = jetty;
        jetty = null;
        if (running == null) {
            return;
        }
        log.info(
                "Graceful shutdown: refusing new connections, finishing the requests in flight (at most {} s)",
                stopTimeout.toSeconds());
        long started = System.nanoTime();
        try {
            running.stop(); // no new connections; the requests in flight answered, within the stop timeout
            log.info("Graceful shutdown complete in {} ms", (System.nanoTime() - started) / 1_000_000);
        } catch (Exception e) {
            log.warn("The HTTP server did not stop cleanly: {}", e.getClass().getSimpleName());
        }
    }

    @Override
    public boolean isRunning() {
        return jetty != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
