package dev.portafunc.manipulate;

import dev.portafunc.platform.observability.SearchObservations;
import dev.portafunc.search.ResilienceProperties;
import dev.portafunc.search.SearchClient;
import dev.portafunc.search.SearchFunction;
import dev.portafunc.search.remote.RemoteSearchClient;
import dev.portafunc.search.remote.RemoteSearchProperties;
import dev.portafunc.search.resilience.ResilientSearch;
import java.time.ZoneOffset;
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
            RemoteSearchProperties remote,
            ResilienceProperties resilience,
            SearchObservations observations,
            ObjectProvider<SearchFunction> search) {
        return new ManipulateFunction(new Manipulator(), searchClient(remote, resilience, observations, search));
    }

    /** Ranking by relevance, composed after {@code manipulate} by default ({@code portafunc.functions.compositions}). */
    @Bean
    RelevanceFunction relevance() {
        return new RelevanceFunction();
    }

    private static SearchClient searchClient(
            RemoteSearchProperties remote,
            ResilienceProperties resilience,
            SearchObservations observations,
            ObjectProvider<SearchFunction> search) {
        if (remote.url() != null) {
            log.info("manipulate gets results from the search function at {}", remote.url());
            RemoteSearchClient client =
                    new RemoteSearchClient(remote.url(), remote.connectTimeout(), remote.readTimeout());
            ResilientSearch guarded = new ResilientSearch(
                    "remote search",
                    observations.observe("remote search", client::search),
                    resilience.settings(0, 0, ZoneOffset.UTC));
            observations.bind(guarded);
            return guarded::search;
        }
        // Resolved on first call rather than at wiring time, so the two functions can be declared in any order.
        return request -> search.getObject().search(request);
    }
}
