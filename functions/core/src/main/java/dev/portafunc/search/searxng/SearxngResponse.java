package dev.portafunc.search.searxng;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The part of SearXNG's JSON response this project reads ({@code searx/webutils.py get_json_response}). */
record SearxngResponse(
        String query, @JsonProperty("number_of_results") Long numberOfResults, List<Result> results) {

    record Result(String url, String title, String content, String engine) {}
}
