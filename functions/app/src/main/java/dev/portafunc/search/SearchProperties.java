package dev.portafunc.search;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The deployment's search provider.
 *
 * @param provider {@code local} (the embedded index, the default), {@code searxng} or {@code google}
 */
@ConfigurationProperties("portafunc.search")
public record SearchProperties(@DefaultValue("local") String provider) {}
