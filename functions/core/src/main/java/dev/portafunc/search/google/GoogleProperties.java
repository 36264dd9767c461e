package dev.portafunc.search.google;

import java.time.Duration;
import java.time.LocalDate;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the Google Custom Search JSON API provider ({@code portafunc.search.provider=google}).
 *
 * @param apiKey the API key of a Google Cloud project with the Custom Search API enabled; a secret, read from the
 *     environment or a mounted secret file, never logged
 * @param engineId the Programmable Search Engine id ({@code cx})
 * @param rootUrl the API's root URL; only tests change it
 * @param connectTimeout how long to wait for a connection to Google
 * @param readTimeout how long to wait for Google's answer once connected
 * @param callsPerSecond portafunc's own limit on queries per second to Google, per instance (429 beyond it)
 * @param dailyQuota portafunc's own budget of Google queries per day, per instance, in memory, reset at midnight
 *     Pacific Time like Google's (10,000 is the most Google sells); 0 for none. With several instances it is no cap:
 *     the one that holds is the quota and budget of the Google Cloud project
 * @param endDate the day Google's API ends for this deployment (2027-01-01 for every existing customer): from then on
 *     the chain skips {@code google} without calling it; change it only if Google extends the date for you, or a test
 *     needs Google past it
 */
@ConfigurationProperties("portafunc.search.google")
@Validated
public record GoogleProperties(
        String apiKey,
        String engineId,

        @DefaultValue("https://customsearch.googleapis.com/")
        String rootUrl,

        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("5s") Duration readTimeout,
        @DefaultValue("10") int callsPerSecond,
        @DefaultValue("10000") int dailyQuota,
        @DefaultValue("2027-01-01") LocalDate endDate) {

    @Override
    public String toString() {
        return "GoogleProperties[apiKey=" + (apiKey == null ? "unset" : "******") + ", engineId=" + engineId
                + ", rootUrl=" + rootUrl + "]";
    }
}
