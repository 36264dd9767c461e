package dev.portafunc.bench;

import dev.portafunc.manipulate.Digest;
import dev.portafunc.manipulate.HtmlDigestFormat;
import dev.portafunc.manipulate.ManipulateFunction;
import dev.portafunc.manipulate.Manipulator;
import dev.portafunc.manipulate.MarkdownDigestFormat;
import dev.portafunc.manipulate.PlainTextDigestFormat;
import dev.portafunc.search.SearchRequest;
import dev.portafunc.search.SearchResults;
import dev.portafunc.search.google.GoogleSearchProvider;
import dev.portafunc.search.searxng.SearxngSearchProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pages of search results the benchmarks manipulate, each as {@code manipulate} receives it. Run as a program, it
 * prints one tab-separated line per input (items, items kept, bytes per format) for {@code report.py}.
 */
final class Inputs {

    /** The names {@link #load} knows, in the order the report lists them. */
    static final List<String> NAMES = List.of("google", "searxng", "peers", "hostile");

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Inputs() {}

    static SearchResults load(String name) {
        return switch (name) {
            case "google" -> throughGoogle("google/search-serverless.json", "serverless cold start");
            case "searxng" -> throughSearxng("searxng/search-knative.json", "knative serving");
            case "peers" -> JSON.readValue(resource("inputs/peers-body.json"), SearchResults.class);
            case "hostile" -> JSON.readValue(resource("inputs/hostile-results.json"), SearchResults.class);
            default -> throw new IllegalArgumentException("No input " + name + "; known: " + NAMES);
        };
    }

    static String source(String name) {
        return switch (name) {
            case "google" -> "core's google/search-serverless.json through GoogleSearchProvider";
            case "searxng" -> "core's searxng/search-knative.json through SearxngSearchProvider";
            case "peers" -> "the peers' body.json (bench/peers/body.json)";
            case "hostile" -> "bench/jmh inputs/hostile-results.json";
            default -> throw new IllegalArgumentException("No input " + name);
        };
    }

    private static SearchResults throughGoogle(String fixture, String query) {
        try (FixtureServer upstream = new FixtureServer(resource(fixture))) {
            var google = new GoogleSearchProvider(
                    "bench-key", "bench-engine", upstream.uri().toString(), TIMEOUT, TIMEOUT);
            return timed(() -> google.search(SearchRequest.of(query).validated()));
        }
    }

    private static SearchResults throughSearxng(String fixture, String query) {
        try (FixtureServer upstream = new FixtureServer(resource(fixture))) {
            var searxng = new SearxngSearchProvider(upstream.uri(), TIMEOUT, TIMEOUT);
            return timed(() -> searxng.search(SearchRequest.of(query).validated()));
        }
    }

    /** As the search function hands results on: with the time the provider took. */
    private static SearchResults timed(Supplier<SearchResults> search) {
        long started = System.nanoTime();
        SearchResults results = search.get();
        return results.withSearchTimeMs((System.nanoTime() - started) / 1_000_000);
    }

    private static byte[] resource(String path) {
        try (InputStream in = Inputs.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("No resource " + path + " on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ManipulateFunction manipulateFunction() {
        return new ManipulateFunction(new Manipulator(), request -> {
            throw new IllegalStateException("every input carries its items: nothing is fetched");
        });
    }

    public static void main(String[] args) {
        ManipulateFunction manipulate = manipulateFunction();
        System.out.println("input\tsource\titems\tkept\tjson_bytes\thtml_bytes\tmarkdown_bytes\ttext_bytes");
        for (String name : NAMES) {
            SearchResults results = load(name);
            Digest digest = manipulate.apply(results);
            System.out.println(String.join(
                    "\t",
                    name,
                    source(name),
                    String.valueOf(results.items().size()),
                    String.valueOf(digest.items().size()),
                    String.valueOf(JSON.writeValueAsBytes(digest).length),
                    String.valueOf(bytes(new HtmlDigestFormat().render(digest))),
                    String.valueOf(bytes(new MarkdownDigestFormat().render(digest))),
                    String.valueOf(bytes(new PlainTextDigestFormat().render(digest)))));
        }
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
