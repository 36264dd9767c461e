package dev.portafunc.search.vertex;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the Vertex AI Search provider ({@code portafunc.search.provider=vertex}), Google's successor to Custom
 * Search for searching your own sites and data stores (up to 50 domains for website search).
 *
 * @param servingConfig the serving config's resource name:
 *     {@code projects/PROJECT/locations/global/collections/default_collection/engines/APP/servingConfigs/default_search}
 * @param apiKey an API key: searches go to {@code searchLite}, which serves public website data stores only. A
 *     secret, read from the environment or a mounted secret file, never logged. Unset: searches go to {@code search},
 *     authorized with Application Default Credentials ({@code GOOGLE_APPLICATION_CREDENTIALS}, workload identity, the
 *     metadata server)
 * @param rootUrl the API's root URL; {@code https://us-discoveryengine.googleapis.com} or the {@code eu} one for a
 *     serving config in those locations
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for the answer once connected
 * @param callsPerSecond portafunc's own limit on queries per second, per instance (429 beyond it)
 * @param dailyQuota portafunc's own budget of queries per day, per instance, in memory; 0 for none. The cap that holds
 *     is the Google Cloud project's quota for the Discovery Engine API and its budget
 */
@ConfigurationProperties("portafunc.search.vertex")
public record VertexProperties(
        String servingConfig,
        String apiKey,

        @DefaultValue("https://discoveryengine.googleapis.com")
        URI rootUrl,

        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("5s") Duration readTimeout,
        @DefaultValue("10") int callsPerSecond,
        @DefaultValue("0") int dailyQuota) {

    @Override
    public String toString() {
        return "VertexProperties[servingConfig=" + servingConfig + ", apiKey=" + (apiKey == null ? "unset" : "******")
                + ", rootUrl=" + rootUrl + "]";
    }
}
