package dev.portafunc.search.local;

import dev.portafunc.search.SearchRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.MMapDirectory;

/**
 * What a search costs once warm, in one process: an index written by IndexCommand, opened as a start opens it
 * (memory-mapped, a result's stored fields read from the index), against the same files held as an index built at
 * start holds them (in memory, every document decoded once). In this package for its package-private opening.
 *
 * <pre>java -cp CLASSPATH:classes dev.portafunc.search.local.SearchCost INDEX_FOLDER [SECONDS]</pre>
 *
 * Prints one Markdown row per query: microseconds per search, mapped and in memory, each the mean of a measured
 * stretch after a warm-up of the same length, the two alternated twice.
 */
public final class SearchCost {

    private static final List<String> QUERIES =
            List.of("knative scale zero", "apache lucene highlighter", "cold start memory");

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args[0]);
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3;
        try (LocalIndex mapped = LocalIndex.open(folder);
                LocalIndex inMemory = LocalIndex.open(copy(folder))) {
            for (String query : QUERIES) {
                SearchRequest request = SearchRequest.of(query).validated();
                double[] mappedMicros = new double[2];
                double[] memoryMicros = new double[2];
                for (int round = 0; round < 2; round++) {
                    mappedMicros[round] = micros(mapped, request, seconds);
                    memoryMicros[round] = micros(inMemory, request, seconds);
                }
                System.out.printf(
                        Locale.ROOT,
                        "| %d | %s | %.0f µs (%.0f, %.0f) | %.0f µs (%.0f, %.0f) |%n",
                        mapped.size(),
                        query,
                        (mappedMicros[0] + mappedMicros[1]) / 2,
                        mappedMicros[0],
                        mappedMicros[1],
                        (memoryMicros[0] + memoryMicros[1]) / 2,
                        memoryMicros[0],
                        memoryMicros[1]);
            }
        }
    }

    /** Mean microseconds per search over {@code seconds}, after as long a warm-up. */
    private static double micros(LocalIndex index, SearchRequest request, double seconds) {
        run(index, request, seconds);
        return seconds * 1e6 / run(index, request, seconds);
    }

    private static long run(LocalIndex index, SearchRequest request, double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long searches = 0;
        int found = 0;
        while (System.nanoTime() < end) {
            found += index.search(request, "local").items().size();
            searches++;
        }
        if (found == 0) {
            throw new IllegalStateException("'" + request.query() + "' finds nothing");
        }
        return searches;
    }

    /** The index's files copied into memory, as an index built at start is held. */
    private static Directory copy(Path folder) throws IOException {
        Directory memory = LocalIndex.inMemory();
        try (Directory files = new MMapDirectory(folder)) {
            for (String name : files.listAll()) {
                if (!name.equals(IndexFolder.LISTING)) {
                    memory.copyFrom(files, name, name, IOContext.DEFAULT);
                }
            }
        }
        return memory;
    }
}
