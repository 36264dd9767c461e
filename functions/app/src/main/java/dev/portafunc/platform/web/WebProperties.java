package dev.portafunc.platform.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits and manners of the HTTP edge.
 *
 * @param maxBodySize the largest request body accepted; larger ones are answered 413 before they are read
 * @param shutdownDelay on SIGTERM, how long to keep serving after readiness has gone down, before new connections are
 *     refused (in-flight requests are always finished): give a load balancer that polls readiness time to notice.
 *     Knative's queue-proxy and OpenFaaS's gateway drain themselves, so the default is none.
 */
@ConfigurationProperties("portafunc.web")
public record WebProperties(
        @DefaultValue("64KB") DataSize maxBodySize,
        @DefaultValue("0s") Duration shutdownDelay) {}
