package dev.portafunc.search.searxng;

import dev.portafunc.search.SearchProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Searches a SearXNG instance when {@code portafunc.search.provider=searxng}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "portafunc.search.provider", havingValue = "searxng")
class SearxngSearchConfiguration {

    @Bean
    SearchProvider searxngSearchProvider(SearxngProperties searxng) {
        if (searxng.url() == null) {
            throw new IllegalStateException("portafunc.search.provider=searxng needs portafunc.search.searxng.url "
                    + "(env PORTAFUNC_SEARCH_SEARXNG_URL)");
        }
        return new SearxngSearchProvider(searxng.url(), searxng.connectTimeout(), searxng.readTimeout());
    }
}
