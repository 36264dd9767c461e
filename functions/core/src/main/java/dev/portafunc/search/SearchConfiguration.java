package dev.portafunc.search;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
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
    SearchFunction search(
            SearchProperties search,
            List<SearchProviderOption> options,
            ObjectProvider<FallbackSearchProvider.Listener> fallbacks) {
        return new SearchFunction(provider(search, options, fallbacks.getIfAvailable(() -> (from, to, failure) -> {})));
    }

    /** Every provider named, made; or one failure listing every setting that is missing or wrong. */
    static SearchProvider provider(
            SearchProperties search, List<SearchProviderOption> options, FallbackSearchProvider.Listener fallbacks) {
        List<String> names = search.chain();
        List<String> problems = new ArrayList<>();
        if (names.isEmpty()) {
            problems.add("portafunc.search.provider (PORTAFUNC_SEARCH_PROVIDER) is empty; choose " + choices(options));
        }
        if (names.stream().distinct().count() != names.size()) {
            problems.add("portafunc.search.provider (PORTAFUNC_SEARCH_PROVIDER) names a provider twice: "
                    + search.provider());
        }
        List<SearchProviderOption> chosen = new ArrayList<>();
        List<SearchProvider> chain = new ArrayList<>();
        for (String name : names) {
            SearchProviderOption option = SearchProviderOption.named(name, options);
            if (option == null) {
                problems.add("portafunc.search.provider (PORTAFUNC_SEARCH_PROVIDER): '" + name
                        + "' is not a provider; choose " + choices(options));
                continue;
            }
            chosen.add(option);
            try {
                chain.add(option.create().get());
            } catch (InvalidSettingsException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        log.info(
                "Searching with {}",
                chosen.stream()
                        .map(option -> option.name() + " (" + option.target() + ")")
                        .collect(Collectors.joining(", then ")));
        // A chain of one too: a provider that can no longer answer (an API past its end) is then not called at all.
        return new FallbackSearchProvider(chain, fallbacks);
    }

    private static String choices(List<SearchProviderOption> options) {
        return options.stream().map(SearchProviderOption::name).sorted().collect(Collectors.joining(", "))
                + ", or several, comma-separated, tried in order";
    }
}
