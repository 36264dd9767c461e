package dev.portafunc.platform.edge;

import dev.portafunc.platform.function.Functions;
import dev.portafunc.platform.http.WebProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The one edge every transport calls. */
@Configuration(proxyBeanMethods = false)
class EdgeConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EdgeConfiguration.class);

    @Bean
    Edge edge(Functions functions, JsonMapper json, WebProperties web) {
        return new Edge(functions, json, web.maxBodySize().toBytes());
    }

    /**
     * The edge's JSON readers and writers built on a thread of their own once every bean is made, while the transports
     * start, so that the first request does not build them.
     */
    @Bean
    SmartLifecycle edgePrefetch(Edge edge) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                running = true;
                Thread.ofPlatform().name("edge-prefetch").daemon().start(() -> {
                    try {
                        edge.prefetch();
                    } catch (RuntimeException e) {
                        // The first request that needs the type meets the same failure, and answers its problem.
                        log.warn("Could not prepare the functions' JSON readers and writers: {}", e.toString());
                    }
                });
            }

            @Override
            public void stop() {
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            /** Before the transports: the HTTP server starts at Spring Boot's web server phase. */
            @Override
            public int getPhase() {
                return SmartLifecycle.DEFAULT_PHASE - 2048;
            }
        };
    }
}
