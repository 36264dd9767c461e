package dev.portafunc.search.vertex;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The part of Discovery Engine's {@code GoogleCloudDiscoveryengineV1SearchResponse} this provider reads: for website
 * data stores each result's {@code document.derivedStructData} carries the fields of a Custom Search result.
 */
record VertexResponse(List<Result> results, Long totalSize, String nextPageToken) {

    record Result(String id, Document document) {}

    record Document(DerivedStructData derivedStructData) {}

    record DerivedStructData(String title, String link, String displayLink, List<Snippet> snippets) {}

    /** {@code snippet} holds markup ({@code <b>}, {@code &nbsp;}); {@code htmlSnippet} is there on some stores. */
    record Snippet(
            String snippet,
            String htmlSnippet,
            @JsonProperty("snippet_status") String snippetStatus) {}
}
