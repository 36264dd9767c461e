package dev.portafunc.search;

import java.util.List;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code search} function, on the provider the deployment chose. */
@Configuration(proxyBeanMethods = false)
class SearchConfiguration {

    @Bean
    SearchProvider searchProvider(SearchProperties search, List<SearchProviderOption> options) {
        return options.stream()
                .filter(option ->
                        option.name().equalsIgnoreCase(search.provider().strip()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("portafunc.search.provider=" + search.provider()
                        + " is not a provider; choose one of "
                        + options.stream().map(SearchProviderOption::name).collect(Collectors.joining(", "))))
                .create()
                .get();
    }

    @Bean
    SearchFunction search(SearchProvider searchProvider) {
        return new SearchFunction(searchProvider);
    }
}
