package dev.portafunc.search.brave;

import dev.portafunc.search.InvalidSettingsException;
import dev.portafunc.search.SearchProviderOption;
import dev.portafunc.search.SearchProviderOption.Upstream;
import dev.portafunc.search.SecretSettings;
import java.time.ZoneOffset;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Brave Search API provider ({@code portafunc.search.provider=brave}), a paid API. */
@Configuration(proxyBeanMethods = false)
class BraveSearchConfiguration {

    @Bean
    SearchProviderOption braveSearchProvider(BraveProperties brave, ObjectProvider<SecretSettings> secrets) {
        Upstream paid = Upstream.paid(brave.callsPerSecond(), brave.dailyQuota(), ZoneOffset.UTC);
        return new SearchProviderOption("brave", brave.rootUrl().toString(), paid, () -> {
            if (brave.apiKey() == null || brave.apiKey().isBlank()) {
                throw new InvalidSettingsException(
                        "portafunc.search.provider=brave needs portafunc.search.brave.api-key"
                                + " (env PORTAFUNC_SEARCH_BRAVE_API_KEY, a secret file brave-api-key, or a secret reference)");
            }
            return new BraveSearchProvider(
                    secrets.getIfAvailable(() -> SecretSettings.BOUND)
                            .current("portafunc.search.brave.api-key", brave.apiKey()),
                    brave.rootUrl(),
                    brave.connectTimeout(),
                    brave.readTimeout());
        });
    }
}
