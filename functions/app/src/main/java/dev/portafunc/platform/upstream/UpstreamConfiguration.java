package dev.portafunc.platform.upstream;

import dev.portafunc.platform.observability.SearchObservations;
import dev.portafunc.search.FallbackSearchProvider;
import dev.portafunc.search.SearchProvider;
import dev.portafunc.search.SearchProviderOption;
import dev.portafunc.search.UnresponsiveEngines;
import dev.portafunc.search.resilience.ResilienceProperties;
import dev.portafunc.search.resilience.ResilientSearchProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What runs around every search provider, added here in one place as each provider's option is declared: every call
 * observed (timer, trace span, outcome); for a provider behind the network, the guard too (cache, single-flight,
 * retries, circuit breaker, and the provider's own limits of calls per second and per day). A provider's package only
 * declares the provider, and nothing here names one.
 */
@Configuration(proxyBeanMethods = false)
class UpstreamConfiguration {

    @Bean
    static BeanPostProcessor searchProviderDecoration(
            ObjectProvider<SearchObservations> observations,
            ObjectProvider<ResilienceProperties> resilience,
            ObjectProvider<StartCheck> startCheck) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof SearchProviderOption option) {
                    return option.decorated(provider ->
                            decorate(provider, option.upstream(), observations.getObject(), resilience.getObject()));
                }
                return bean;
            }
        };
    }

    static SearchProvider decorate(
            SearchProvider provider,
            SearchProviderOption.Upstream upstream,
            SearchObservations observations,
            ResilienceProperties resilience) {
        SearchProvider observed = observations.observe(provider);
        if (!upstream.remote()) {
            return observed; // in memory, in process: a cache or retries would only add work
        }
        ResilientSearchProvider guarded = new ResilientSearchProvider(observed, resilience.settings(upstream));
        observations.bind(guarded.guard());
        return observations.countCacheHits(guarded);
    }

    /** The engines a provider reports unresponsive, counted. */
    @Bean
    UnresponsiveEngines unresponsiveEngines(SearchObservations observations) {
        return observations.unresponsiveEngines();
    }

    /** Each time a fallback chain moves on, counted and logged. */
    @Bean
    FallbackSearchProvider.Listener fallbackListener(SearchObservations observations) {
        return observations.fallbacks();
    }
}
