package dev.portafunc.search.local;

import dev.portafunc.search.local.IndexListing.Fingerprint;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.IndexOutput;
import org.apache.lucene.util.Version;

/**
 * The index of the corpus shipped in the jar, written by the build (see {@link #main}) so that start-up only opens
 * it; built from the corpus instead when it is missing or was written from another corpus, code or Lucene.
 */
public final class ShippedIndex {

    /** Where the shipped corpus lies on the class path. */
    public static final String CORPUS = "portafunc/corpus/";

    static final String INDEX = "portafunc/index/";
    static final String LISTING = "listing.properties";

    private ShippedIndex() {}

    /**
     * The index of the shipped corpus: the one shipped on {@code loader}'s class path if it was written from
     * {@code corpus}, else one built from it.
     *
     * @param loader where to find the shipped index
     * @param corpus the shipped corpus's files, as found on the same class path
     */
    public static Loaded load(ClassLoader loader, List<CorpusFile> corpus) {
        List<CorpusFile> sorted = inPathOrder(corpus);
        String stale;
        try {
            IndexListing listing = listing(loader);
            if (listing == null) {
                stale = "there is no shipped index (" + INDEX + LISTING + " is not on the class path)";
            } else {
                stale = listing.fingerprint()
                        .differenceFrom(Fingerprint.of(sorted))
                        .orElse(null);
                if (stale == null) {
                    return new Loaded(open(loader, listing), null);
                }
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            stale = "the shipped index is unreadable: " + e.getMessage();
        }
        return new Loaded(LocalIndex.build(documents(sorted)), stale);
    }

    /**
     * The shipped index, opened without reading the corpus, when one jar holds the index, the only corpus on the class
     * path and the code that indexes it: the build writes the index from that corpus with that code before it packs
     * them, so none can differ from what the index was written from, and reading and hashing them at every start (part
     * of the index's opening) would only find that again. Empty when they lie apart (class path folders, a corpus
     * added in another jar) or the running Lucene is not the one that wrote the index: {@link #load} then checks them.
     */
    public static Optional<Loaded> openSealed(ClassLoader loader) {
        try {
            String jar = jarOf(loader.getResource(INDEX + LISTING));
            List<URL> corpora = Collections.list(loader.getResources(CORPUS));
            if (jar == null
                    || corpora.size() != 1
                    || !jar.equals(jarOf(corpora.getFirst()))
                    || !jar.equals(
                            jarOf(loader.getResource(LocalIndex.class.getName().replace('.', '/') + ".class")))) {
                return Optional.empty();
            }
            IndexListing listing = listing(loader);
            if (listing == null || !listing.fingerprint().lucene().equals(Version.LATEST.toString())) {
                return Optional.empty();
            }
            return Optional.of(new Loaded(open(loader, listing), null));
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            return Optional.empty(); // load() reads it again, and says why it cannot be used
        }
    }

    /** The shipped index's listing, or null when there is none on the class path. */
    private static IndexListing listing(ClassLoader loader) throws IOException {
        try (InputStream in = loader.getResourceAsStream(INDEX + LISTING)) {
            return in == null ? null : IndexListing.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** The jar a class path entry is in, or null for one that is not in a jar. */
    private static String jarOf(URL entry) {
        if (entry == null || !entry.getProtocol().equals("jar")) {
            return null;
        }
        String url = entry.toString();
        int separator = url.lastIndexOf("!/");
        return separator < 0 ? null : url.substring(0, separator);
    }

    /**
     * The index of the shipped corpus, and why it was built rather than opened as shipped.
     *
     * @param index the index
     * @param rebuiltBecause why the shipped index could not be used, or null if it was
     */
    public record Loaded(LocalIndex index, String rebuiltBecause) {

        public boolean opened() {
            return rebuiltBecause == null;
        }
    }

    private static LocalIndex open(ClassLoader loader, IndexListing listing) throws IOException {
        Directory directory = copy(loader, listing);
        try {
            return LocalIndex.open(directory);
        } catch (RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    /** Copies the index into memory: a class path entry is no file (in a jar, a fat jar, a Lambda zip). */
    static Directory copy(ClassLoader loader, IndexListing listing) throws IOException {
        Directory directory = LocalIndex.inMemory();
        try {
            byte[] buffer = new byte[64 * 1024];
            for (var file : listing.files().entrySet()) {
                try (InputStream in = loader.getResourceAsStream(INDEX + file.getKey())) {
                    if (in == null) {
                        throw new IOException(INDEX + file.getKey() + " is missing");
                    }
                    long copied = 0;
                    try (IndexOutput out = directory.createOutput(file.getKey(), IOContext.DEFAULT)) {
                        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                            out.writeBytes(buffer, read);
                            copied += read;
                        }
                    }
                    if (copied != file.getValue()) {
                        throw new IOException(
                                INDEX + file.getKey() + " has " + copied + " bytes, not " + file.getValue());
                    }
                }
            }
            return directory;
        } catch (IOException | RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    private static List<CorpusFile> inPathOrder(List<CorpusFile> corpus) {
        return corpus.stream().sorted(Comparator.comparing(CorpusFile::path)).toList();
    }

    private static List<CorpusDocument> documents(List<CorpusFile> corpus) {
        return corpus.stream().map(CorpusFile::document).toList();
    }

    /**
     * Writes the index of the corpus in {@code args[0]} into the folder {@code args[1]}, with its listing. The build
     * runs it on the corpus in {@code target/classes}, so the index lands in the jar beside it.
     */
    /** Lucene's notice that the incubating Vector API is off, which text search never needs; held so it stays set. */
    private static final java.util.logging.Logger VECTORIZATION =
            java.util.logging.Logger.getLogger("org.apache.lucene.internal.vectorization");

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("Usage: ShippedIndex <corpus folder> <index folder>");
        }
        VECTORIZATION.setLevel(java.util.logging.Level.SEVERE);
        write(inPathOrder(CorpusFile.readDirectory(Path.of(args[0]))), Path.of(args[1]));
    }

    /** Writes the index of {@code corpus} (in path order) and its listing into {@code folder}, replacing its files. */
    static IndexListing write(List<CorpusFile> corpus, Path folder) throws IOException {
        try (Directory directory = LocalIndex.inMemory()) {
            LocalIndex.write(documents(corpus), directory);
            empty(folder);
            SortedMap<String, Long> files = new TreeMap<>();
            for (String name : directory.listAll()) {
                try (IndexInput in = directory.openInput(name, IOContext.READONCE)) {
                    byte[] bytes = new byte[Math.toIntExact(in.length())];
                    in.readBytes(bytes, 0, bytes.length);
                    Files.write(folder.resolve(name), bytes);
                    files.put(name, (long) bytes.length);
                }
            }
            IndexListing listing = new IndexListing(Fingerprint.of(corpus), files);
            Files.writeString(folder.resolve(LISTING), listing.format(), StandardCharsets.UTF_8);
            return listing;
        }
    }

    private static void empty(Path folder) throws IOException {
        Files.createDirectories(folder);
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
