package dev.portafunc.search.vertex;

import dev.portafunc.search.InvalidSettingsException;
import dev.portafunc.search.SearchProviderOption;
import dev.portafunc.search.SearchProviderOption.Upstream;
import dev.portafunc.search.SecretSettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Vertex AI Search provider ({@code portafunc.search.provider=vertex}), a paid API. */
@Configuration(proxyBeanMethods = false)
class VertexSearchConfiguration {

    @Bean
    SearchProviderOption vertexSearchProvider(VertexProperties vertex, ObjectProvider<SecretSettings> secrets) {
        Upstream paid = Upstream.paid(vertex.callsPerSecond(), vertex.dailyQuota(), VertexSearchProvider.QUOTA_ZONE);
        String target = vertex.rootUrl() + " (" + vertex.servingConfig() + ", "
                + (vertex.apiKey() == null || vertex.apiKey().isBlank()
                        ? "search with Application Default Credentials"
                        : "searchLite with an API key")
                + ")";
        return new SearchProviderOption("vertex", target, paid, () -> {
            if (vertex.servingConfig() == null || vertex.servingConfig().isBlank()) {
                throw new InvalidSettingsException("portafunc.search.provider=vertex needs "
                        + "portafunc.search.vertex.serving-config (env PORTAFUNC_SEARCH_VERTEX_SERVING_CONFIG): "
                        + "projects/PROJECT/locations/global/collections/default_collection/engines/APP/"
                        + "servingConfigs/default_search");
            }
            try {
                return new VertexSearchProvider(
                        vertex.servingConfig(),
                        secrets.getIfAvailable(() -> SecretSettings.BOUND)
                                .current("portafunc.search.vertex.api-key", vertex.apiKey()),
                        vertex.rootUrl(),
                        vertex.connectTimeout(),
                        vertex.readTimeout());
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingsException(
                        "portafunc.search.vertex.serving-config (env PORTAFUNC_SEARCH_VERTEX_SERVING_CONFIG): "
                                + e.getMessage());
            }
        });
    }
}
