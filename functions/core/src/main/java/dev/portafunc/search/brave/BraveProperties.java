package dev.portafunc.search.brave;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the Brave Search API provider ({@code portafunc.search.provider=brave}): the whole web, paid per query.
 *
 * @param apiKey the subscription token ({@code X-Subscription-Token}); a secret, read from the environment or a
 *     mounted secret file, never logged
 * @param rootUrl the API's root URL; only tests change it
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for the answer once connected
 * @param callsPerSecond portafunc's own limit on queries per second, per instance (429 beyond it); Brave's own is
 *     your plan's
 * @param dailyQuota portafunc's own budget of queries per day, per instance, in memory; 0 for none. The cap that holds
 *     is your Brave plan's monthly limit, which Brave enforces with a 429
 */
@ConfigurationProperties("portafunc.search.brave")
public record BraveProperties(
        String apiKey,
        @DefaultValue("https://api.search.brave.com") URI rootUrl,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("5s") Duration readTimeout,
        @DefaultValue("20") int callsPerSecond,
        @DefaultValue("0") int dailyQuota) {

    @Override
    public String toString() {
        return "BraveProperties[apiKey=" + (apiKey == null ? "unset" : "******") + ", rootUrl=" + rootUrl + "]";
    }
}
