package dev.portafunc.search.searxng;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The part of SearXNG's JSON response this project reads ({@code searx/webutils.py get_json_response}).
 *
 * @param unresponsiveEngines the engines that failed this search, as {@code [engine, reason]} pairs; read loosely, so
 *     that a change in their shape costs the engine names, not the results
 */
record SearxngResponse(
        String query,
        @JsonProperty("number_of_results") Long numberOfResults,
        List<Result> results,
        @JsonProperty("unresponsive_engines") JsonNode unresponsiveEngines) {

    record Result(String url, String title, String content, String engine) {}

    /** The names of the engines that did not answer, in SearXNG's order; none when all did. */
    List<String> unresponsiveEngineNames() {
        List<String> names = new ArrayList<>();
        if (unresponsiveEngines == null || !unresponsiveEngines.isArray()) {
            return names;
        }
        for (JsonNode engine : unresponsiveEngines.values()) {
            JsonNode name = engine.isArray() ? engine.path(0) : engine.isObject() ? engine.path("engine") : engine;
            if (name.isString() && !name.stringValue().isBlank()) {
                names.add(name.stringValue());
            }
        }
        return names;
    }
}
