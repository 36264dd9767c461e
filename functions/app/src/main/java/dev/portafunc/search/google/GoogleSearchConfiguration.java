package dev.portafunc.search.google;

import dev.portafunc.platform.observability.SearchObservations;
import dev.portafunc.search.ResilienceProperties;
import dev.portafunc.search.SearchProviderOption;
import dev.portafunc.search.resilience.ResilientSearchProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Google Custom Search provider ({@code portafunc.search.provider=google}), guarded and budgeted. */
@Configuration(proxyBeanMethods = false)
class GoogleSearchConfiguration {

    @Bean
    SearchProviderOption googleSearchProvider(
            GoogleProperties google, ResilienceProperties resilience, SearchObservations observations) {
        return new SearchProviderOption("google", () -> {
            if (google.apiKey() == null || google.apiKey().isBlank()) {
                throw new IllegalStateException(
                        "portafunc.search.provider=google needs portafunc.search.google.api-key "
                                + "(env PORTAFUNC_SEARCH_GOOGLE_API_KEY, a secret file google-api-key, or a secret reference)");
            }
            if (google.engineId() == null || google.engineId().isBlank()) {
                throw new IllegalStateException("portafunc.search.provider=google needs "
                        + "portafunc.search.google.engine-id (env PORTAFUNC_SEARCH_GOOGLE_ENGINE_ID)");
            }
            GoogleSearchProvider provider = new GoogleSearchProvider(
                    google.apiKey(),
                    google.engineId(),
                    google.rootUrl(),
                    google.connectTimeout(),
                    google.readTimeout());
            ResilientSearchProvider guarded = new ResilientSearchProvider(
                    observations.observe(provider),
                    resilience.settings(google.callsPerSecond(), google.dailyQuota(), GoogleSearchProvider.QUOTA_ZONE));
            observations.bind(guarded.guard());
            return guarded;
        });
    }
}
