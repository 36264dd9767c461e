package dev.portafunc.search;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The deployment's search provider.
 *
 * @param provider {@code local} (the embedded index, the default), {@code searxng} or {@code google}; or several,
 *     comma-separated, tried in order when one fails ({@code google,searxng,local})
 */
@ConfigurationProperties("portafunc.search")
public record SearchProperties(@DefaultValue("local") String provider) {}
