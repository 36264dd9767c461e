package dev.portafunc.search;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code search} function, on whichever {@link SearchProvider} the deployment configured. */
@Configuration(proxyBeanMethods = false)
class SearchConfiguration {

    @Bean
    SearchFunction search(SearchProvider provider) {
        return new SearchFunction(provider);
    }
}
