package dev.portafunc.search.google;

import dev.portafunc.search.SearchProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Searches with Google when {@code portafunc.search.provider=google}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "portafunc.search.provider", havingValue = "google")
class GoogleSearchConfiguration {

    @Bean
    SearchProvider googleSearchProvider(GoogleProperties google) {
        if (google.apiKey() == null || google.apiKey().isBlank()) {
            throw new IllegalStateException("portafunc.search.provider=google needs portafunc.search.google.api-key "
                    + "(env PORTAFUNC_SEARCH_GOOGLE_API_KEY or a mounted secret file)");
        }
        if (google.engineId() == null || google.engineId().isBlank()) {
            throw new IllegalStateException("portafunc.search.provider=google needs portafunc.search.google.engine-id "
                    + "(env PORTAFUNC_SEARCH_GOOGLE_ENGINE_ID)");
        }
        return new GoogleSearchProvider(
                google.apiKey(), google.engineId(), google.rootUrl(), google.connectTimeout(), google.readTimeout());
    }
}
