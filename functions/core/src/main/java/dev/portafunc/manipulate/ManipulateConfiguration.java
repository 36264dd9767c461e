package dev.portafunc.manipulate;

import dev.portafunc.search.SearchClient;
import dev.portafunc.search.SearchFunction;
import dev.portafunc.search.SearchProvider;
import dev.portafunc.search.SearchProviderOption;
import dev.portafunc.search.remote.RemoteSearchProperties;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code manipulate} function, and how it gets results when given only a query: over HTTP from a deployed
 * {@code search} function when {@code portafunc.search.remote.url} is set, else from {@code search} in this process.
 */
@Configuration(proxyBeanMethods = false)
class ManipulateConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ManipulateConfiguration.class);

    @Bean
    ManipulateFunction manipulate(
            RemoteSearchProperties remote, List<SearchProviderOption> options, ObjectProvider<SearchFunction> search) {
        return new ManipulateFunction(new Manipulator(), searchClient(remote, options, search));
    }

    /** Ranking by relevance, composed after {@code manipulate} by default ({@code portafunc.functions.compositions}). */
    @Bean
    RelevanceFunction relevance() {
        return new RelevanceFunction();
    }

    private static SearchClient searchClient(
            RemoteSearchProperties remote, List<SearchProviderOption> options, ObjectProvider<SearchFunction> search) {
        if (remote.url() != null) {
            log.info("manipulate gets results from the search function at {}", remote.url());
            SearchProvider provider =
                    SearchProviderOption.named("remote", options).create().get();
            return provider::search;
        }
        // Resolved on first call rather than at wiring time, so the two functions can be declared in any order.
        return request -> search.getObject().search(request);
    }
}
