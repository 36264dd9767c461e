package dev.portafunc.search.searxng;

import dev.portafunc.search.InvalidSettingsException;
import dev.portafunc.search.SearchProviderOption;
import dev.portafunc.search.SearchProviderOption.Upstream;
import dev.portafunc.search.UnresponsiveEngines;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A SearXNG instance as provider ({@code portafunc.search.provider=searxng}). */
@Configuration(proxyBeanMethods = false)
class SearxngSearchConfiguration {

    @Bean
    SearchProviderOption searxngSearchProvider(
            SearxngProperties searxng, ObjectProvider<UnresponsiveEngines> unresponsive) {
        String target = searxng.url() == null ? "no URL set" : searxng.url().toString();
        return new SearchProviderOption("searxng", target, Upstream.REMOTE, () -> {
            if (searxng.url() == null) {
                throw new InvalidSettingsException("portafunc.search.provider=searxng needs "
                        + "portafunc.search.searxng.url (env PORTAFUNC_SEARCH_SEARXNG_URL)");
            }
            UnresponsiveEngines engines = unresponsive.getIfAvailable(() -> (provider, names) -> {});
            return new SearxngSearchProvider(
                    searxng.url(),
                    searxng.connectTimeout(),
                    searxng.readTimeout(),
                    names -> engines.reported("searxng", names));
        });
    }
}
