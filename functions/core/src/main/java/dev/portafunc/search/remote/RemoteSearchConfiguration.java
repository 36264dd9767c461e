package dev.portafunc.search.remote;

import dev.portafunc.search.InvalidSettingsException;
import dev.portafunc.search.SearchProviderOption;
import dev.portafunc.search.SearchProviderOption.Upstream;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A {@code search} function deployed elsewhere, as provider ({@code portafunc.search.provider=remote}) and as where
 * {@code manipulate} gets results when {@code portafunc.search.remote.url} is set.
 */
@Configuration(proxyBeanMethods = false)
class RemoteSearchConfiguration {

    @Bean
    SearchProviderOption remoteSearchProvider(RemoteSearchProperties remote) {
        String target = remote.url() == null ? "no URL set" : remote.url().toString();
        return new SearchProviderOption("remote", target, Upstream.REMOTE, () -> {
            if (remote.url() == null) {
                throw new InvalidSettingsException("portafunc.search.provider=remote needs "
                        + "portafunc.search.remote.url (env PORTAFUNC_SEARCH_REMOTE_URL)");
            }
            return new RemoteSearchClient(remote.url(), remote.connectTimeout(), remote.readTimeout());
        });
    }
}
