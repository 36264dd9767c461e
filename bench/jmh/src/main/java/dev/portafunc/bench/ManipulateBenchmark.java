package dev.portafunc.bench;

import dev.portafunc.manipulate.Digest;
import dev.portafunc.manipulate.DigestFormat;
import dev.portafunc.manipulate.HtmlDigestFormat;
import dev.portafunc.manipulate.ManipulateFunction;
import dev.portafunc.manipulate.MarkdownDigestFormat;
import dev.portafunc.manipulate.PlainTextDigestFormat;
import dev.portafunc.search.SearchResults;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import tools.jackson.databind.json.JsonMapper;

/**
 * The manipulation step on one page of search results: the results to a {@link Digest}, and the digest to the bytes
 * each format puts on the wire (the HTTP and Lambda edges write JSON straight to bytes and the other formats'
 * {@code render} as UTF-8, so the renders here do the same).
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.Throughput, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ManipulateBenchmark {

    @Param({"google", "searxng", "peers", "hostile"})
    public String input;

    // Non-final fields of the state: the JIT cannot treat the inputs as constants and fold the work away.
    private SearchResults results;
    private Digest digest;
    private ManipulateFunction manipulate;
    private JsonMapper json;
    private DigestFormat html;
    private DigestFormat markdown;
    private DigestFormat text;

    @Setup(Level.Trial)
    public void setUp() {
        results = Inputs.load(input);
        manipulate = Inputs.manipulateFunction();
        digest = manipulate.apply(results);
        if (digest.items().isEmpty()) {
            throw new IllegalStateException("input " + input + " leaves no result to render");
        }
        json = JsonMapper.builder().build();
        html = new HtmlDigestFormat();
        markdown = new MarkdownDigestFormat();
        text = new PlainTextDigestFormat();
    }

    @Benchmark
    public void manipulate(Blackhole blackhole) {
        blackhole.consume(manipulate.apply(results));
    }

    @Benchmark
    public void renderJson(Blackhole blackhole) {
        blackhole.consume(json.writeValueAsBytes(digest));
    }

    @Benchmark
    public void renderHtml(Blackhole blackhole) {
        blackhole.consume(html.render(digest).getBytes(StandardCharsets.UTF_8));
    }

    @Benchmark
    public void renderMarkdown(Blackhole blackhole) {
        blackhole.consume(markdown.render(digest).getBytes(StandardCharsets.UTF_8));
    }

    @Benchmark
    public void renderText(Blackhole blackhole) {
        blackhole.consume(text.render(digest).getBytes(StandardCharsets.UTF_8));
    }
}
