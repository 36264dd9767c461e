package dev.portafunc.search.searxng;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the SearXNG provider ({@code portafunc.search.provider=searxng}).
 *
 * @param url the base URL of the SearXNG instance, such as {@code http://searxng:8080}; its {@code settings.yml} must
 *     enable the {@code json} format
 * @param connectTimeout how long to wait for a connection to the instance
 * @param readTimeout how long to wait for the instance's answer once connected
 */
@ConfigurationProperties("portafunc.search.searxng")
public record SearxngProperties(
        URI url,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("8s") Duration readTimeout) {}
