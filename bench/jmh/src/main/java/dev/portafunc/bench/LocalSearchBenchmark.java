package dev.portafunc.bench;

import dev.portafunc.search.SearchRequest;
import dev.portafunc.search.local.CorpusFile;
import dev.portafunc.search.local.LocalSearchProvider;
import dev.portafunc.search.local.ShippedIndex;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A search of the embedded index, as the default provider answers {@code search} and {@code searchManipulate}: the
 * shipped index opened as the application opens it, ten results with their highlighted snippets.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LocalSearchBenchmark {

    @Param({"knative scale zero", "apache lucene highlighter"})
    public String query;

    private LocalSearchProvider provider;
    private SearchRequest request;

    @Setup(Level.Trial)
    public void setUp() throws IOException, URISyntaxException {
        Path jar = Path.of(ShippedIndex.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        List<CorpusFile> corpus;
        if (Files.isDirectory(jar)) {
            corpus = CorpusFile.readDirectory(jar.resolve(ShippedIndex.CORPUS));
        } else {
            try (FileSystem files = FileSystems.newFileSystem(jar)) {
                corpus = CorpusFile.readDirectory(files.getPath(ShippedIndex.CORPUS));
            }
        }
        ShippedIndex.Loaded loaded = ShippedIndex.load(LocalSearchBenchmark.class.getClassLoader(), corpus);
        if (!loaded.opened()) {
            throw new IllegalStateException("The shipped index was not used: " + loaded.rebuiltBecause());
        }
        provider = new LocalSearchProvider(loaded.index());
        request = SearchRequest.of(query);
        if (provider.search(request).items().size() != 10) {
            throw new IllegalStateException("'" + query + "' does not find a full page");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        provider.close();
    }

    @Benchmark
    public void search(Blackhole blackhole) {
        blackhole.consume(provider.search(request));
    }
}
