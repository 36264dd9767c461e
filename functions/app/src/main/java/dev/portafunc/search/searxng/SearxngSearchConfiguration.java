package dev.portafunc.search.searxng;

import dev.portafunc.platform.observability.SearchObservations;
import dev.portafunc.search.ResilienceProperties;
import dev.portafunc.search.SearchProviderOption;
import dev.portafunc.search.resilience.ResilientSearchProvider;
import java.time.ZoneOffset;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A SearXNG instance as provider ({@code portafunc.search.provider=searxng}), guarded. */
@Configuration(proxyBeanMethods = false)
class SearxngSearchConfiguration {

    @Bean
    SearchProviderOption searxngSearchProvider(
            SearxngProperties searxng, ResilienceProperties resilience, SearchObservations observations) {
        return new SearchProviderOption("searxng", () -> {
            if (searxng.url() == null) {
                throw new IllegalStateException("portafunc.search.provider=searxng needs portafunc.search.searxng.url "
                        + "(env PORTAFUNC_SEARCH_SEARXNG_URL)");
            }
            ResilientSearchProvider guarded = new ResilientSearchProvider(
                    observations.observe(
                            new SearxngSearchProvider(searxng.url(), searxng.connectTimeout(), searxng.readTimeout())),
                    resilience.settings(0, 0, ZoneOffset.UTC));
            observations.bind(guarded.guard());
            return guarded;
        });
    }
}
