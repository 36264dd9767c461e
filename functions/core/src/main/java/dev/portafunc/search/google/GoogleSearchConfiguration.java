package dev.portafunc.search.google;

import dev.portafunc.search.InvalidSettingsException;
import dev.portafunc.search.SearchProperties;
import dev.portafunc.search.SearchProviderOption;
import dev.portafunc.search.SearchProviderOption.Upstream;
import dev.portafunc.search.SecretSettings;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Google Custom Search provider ({@code portafunc.search.provider=google}), a paid API with a daily budget. */
@Configuration(proxyBeanMethods = false)
class GoogleSearchConfiguration {

    private static final Logger log = LoggerFactory.getLogger(GoogleSearchConfiguration.class);

    @Bean
    SearchProviderOption googleSearchProvider(
            GoogleProperties google, SearchProperties search, ObjectProvider<SecretSettings> secrets) {
        Upstream paid = Upstream.paid(google.callsPerSecond(), google.dailyQuota(), GoogleSearchProvider.QUOTA_ZONE);
        String target = google.rootUrl() + " (engine " + google.engineId() + ")";
        return new SearchProviderOption("google", target, paid, () -> {
            List<String> problems = new ArrayList<>();
            if (google.apiKey() == null || google.apiKey().isBlank()) {
                problems.add("portafunc.search.provider=google needs portafunc.search.google.api-key "
                        + "(env PORTAFUNC_SEARCH_GOOGLE_API_KEY, a secret file google-api-key, or a secret reference)");
            }
            if (google.engineId() == null || google.engineId().isBlank()) {
                problems.add("portafunc.search.provider=google needs portafunc.search.google.engine-id "
                        + "(env PORTAFUNC_SEARCH_GOOGLE_ENGINE_ID)");
            }
            if (!problems.isEmpty()) {
                throw new InvalidSettingsException(problems);
            }
            log.warn(GoogleSearchProvider.endNotice(
                    google.endDate(), LocalDate.now(ZoneOffset.UTC), next(search.chain())));
            return new GoogleSearchProvider(
                    secrets.getIfAvailable(() -> SecretSettings.BOUND)
                            .current("portafunc.search.google.api-key", google.apiKey()),
                    google.engineId(),
                    google.rootUrl(),
                    google.connectTimeout(),
                    google.readTimeout(),
                    google.endDate());
        });
    }

    /** The provider after Google in the chain, or null. */
    private static String next(List<String> chain) {
        int google = chain.indexOf("google");
        return google >= 0 && google + 1 < chain.size() ? chain.get(google + 1) : null;
    }
}
