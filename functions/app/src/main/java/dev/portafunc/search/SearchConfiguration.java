package dev.portafunc.search;

import dev.portafunc.platform.observability.SearchObservations;
import dev.portafunc.search.google.GoogleSearchProvider;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code search} function, on the provider the deployment chose, or on a chain of them tried in order
 * ({@code portafunc.search.provider=google,searxng,local}).
 */
@Configuration(proxyBeanMethods = false)
class SearchConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SearchConfiguration.class);

    @Bean
    SearchProvider searchProvider(
            SearchProperties search, List<SearchProviderOption> options, SearchObservations observations) {
        List<String> names = Arrays.stream(search.provider().split(","))
                .map(name -> name.strip().toLowerCase(Locale.ROOT))
                .filter(name -> !name.isEmpty())
                .toList();
        if (names.isEmpty()) {
            throw new IllegalStateException("portafunc.search.provider is empty; choose " + choices(options));
        }
        if (names.stream().distinct().count() != names.size()) {
            throw new IllegalStateException(
                    "portafunc.search.provider=" + search.provider() + " names a provider twice");
        }
        List<SearchProvider> chain =
                names.stream().map(name -> option(name, options).create().get()).toList();
        int google = names.indexOf("google");
        if (google >= 0) {
            String next = google + 1 < names.size() ? names.get(google + 1) : null;
            log.warn(GoogleSearchProvider.endNotice(LocalDate.now(ZoneOffset.UTC), next));
        }
        return chain.size() == 1 ? chain.getFirst() : new FallbackSearchProvider(chain, observations.fallbacks());
    }

    private static SearchProviderOption option(String name, List<SearchProviderOption> options) {
        return options.stream()
                .filter(option -> option.name().equalsIgnoreCase(name))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "portafunc.search.provider: " + name + " is not a provider; choose " + choices(options)));
    }

    private static String choices(List<SearchProviderOption> options) {
        return options.stream().map(SearchProviderOption::name).collect(Collectors.joining(", "))
                + ", or several, comma-separated, tried in order";
    }

    @Bean
    SearchFunction search(SearchProvider searchProvider) {
        return new SearchFunction(searchProvider);
    }
}
