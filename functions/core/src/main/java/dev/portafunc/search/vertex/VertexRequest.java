package dev.portafunc.search.vertex;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.portafunc.search.SearchRequest;

/**
 * The part of Discovery Engine's {@code GoogleCloudDiscoveryengineV1SearchRequest} this provider sends, for both
 * {@code servingConfigs.search} and {@code searchLite}. Options the request does not set are left out, so that the
 * serving config's own defaults apply.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record VertexRequest(
        String query,
        int pageSize,
        int offset,
        Boolean safeSearch,
        String languageCode,
        ContentSearchSpec contentSearchSpec) {

    record ContentSearchSpec(SnippetSpec snippetSpec) {}

    record SnippetSpec(boolean returnSnippet) {}

    static VertexRequest of(SearchRequest request) {
        Boolean safeSearch = request.safe() == null ? null : request.safe().equals("active");
        return new VertexRequest(
                request.query(),
                request.count(),
                request.start() - 1,
                safeSearch,
                request.language(),
                new ContentSearchSpec(new SnippetSpec(true)));
    }
}
