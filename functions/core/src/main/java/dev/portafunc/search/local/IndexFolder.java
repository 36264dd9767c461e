package dev.portafunc.search.local;

import dev.portafunc.search.local.IndexListing.Fingerprint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.lucene.index.IndexFileNames;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * A folder holding the index of a corpus of one's own, written ahead of time ({@link IndexCommand}) so that a start
 * opens it instead of reading and indexing the corpus: Lucene's files and, written last, {@code listing.properties},
 * which names them with their sizes and says which Lucene and which build of the indexing code wrote them.
 */
final class IndexFolder {

    static final String LISTING = ShippedIndex.LISTING;

    private IndexFolder() {}

    /** What a folder named as the local corpus holds. */
    enum Contents {
        /** an index with its listing */
        INDEX,
        /** an index's files without a listing: its writing stopped half-way, or something else wrote them */
        UNFINISHED_INDEX,
        /** Markdown, HTML or text files, to index at start */
        CORPUS,
        /** neither */
        NOTHING
    }

    static Contents contents(Path folder) throws IOException {
        if (Files.isRegularFile(folder.resolve(LISTING))) {
            return Contents.INDEX;
        }
        if (!indexFiles(folder).isEmpty()) {
            return Contents.UNFINISHED_INDEX;
        }
        return CorpusReader.hasAny(folder) ? Contents.CORPUS : Contents.NOTHING;
    }

    /**
     * Writes the index of the corpus in {@code source} into {@code folder}, created if missing, empty, or holding an
     * index, which is replaced. The listing goes last, so a start never opens an index whose writing stopped half-way.
     */
    static Written write(Path source, Path folder) throws IOException {
        if (!Files.isDirectory(source)) {
            throw new IllegalArgumentException(source + " is not a folder");
        }
        if (!CorpusReader.hasAny(source)) {
            throw new IllegalArgumentException(source + " holds no .md, .html, .htm or .txt file of up to 2 MiB");
        }
        clear(folder);
        Fingerprint.Corpus read = new Fingerprint.Corpus();
        var tally = new Object() {
            int documents;
            long bytes;
        };
        try (Directory directory = FSDirectory.open(folder)) {
            LocalIndex.write(
                    directory,
                    add -> CorpusReader.forEach(source, (path, content, document) -> {
                        read.add(path, content);
                        add.accept(document);
                        tally.documents++;
                        tally.bytes += content.length;
                    }));
        }
        Files.delete(folder.resolve(IndexWriter.WRITE_LOCK_NAME));
        SortedMap<String, Long> files = new TreeMap<>();
        for (Path file : indexFiles(folder)) {
            files.put(file.getFileName().toString(), Files.size(file));
        }
        IndexListing listing = new IndexListing(read.fingerprint(), files);
        Path written = folder.resolve(LISTING + ".tmp");
        Files.writeString(written, listing.format(), StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(written, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(written, folder.resolve(LISTING), StandardCopyOption.ATOMIC_MOVE);
        return new Written(tally.documents, tally.bytes, listing);
    }

    /**
     * What {@link #write} wrote.
     *
     * @param documents how many documents the index holds
     * @param sourceBytes the size of the files they were read from
     * @param listing the index's files and what they were written from
     */
    record Written(int documents, long sourceBytes, IndexListing listing) {

        long indexBytes() {
            return listing.files().values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * Opens the index in {@code folder}, memory-mapped ({@link LocalIndex#open(Path)}), once its listing shows it
     * complete and written by this build: the files' sizes are checked, not their content, so that opening takes the
     * same time for any size of corpus.
     */
    static LocalIndex open(Path folder) throws Unusable {
        IndexListing listing;
        try {
            listing = IndexListing.parse(Files.readString(folder.resolve(LISTING), StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            throw new Unusable("has an unreadable " + LISTING + " (" + e.getMessage() + ")");
        }
        Optional<String> incompatible = listing.fingerprint().incompatibility();
        if (incompatible.isPresent()) {
            throw new Unusable(incompatible.get());
        }
        if (listing.files().isEmpty()) {
            throw new Unusable("has a " + LISTING + " that names no file");
        }
        for (var file : listing.files().entrySet()) {
            Path path = folder.resolve(file.getKey());
            try {
                long size = Files.size(path);
                if (size != file.getValue()) {
                    throw new Unusable("is incomplete (" + file.getKey() + " has " + size + " bytes, its listing says "
                            + file.getValue() + ")");
                }
            } catch (NoSuchFileException e) {
                throw new Unusable("is incomplete (" + file.getKey() + " is missing)");
            } catch (IOException e) {
                throw new Unusable("cannot be read (" + e + ")");
            }
        }
        try {
            return LocalIndex.open(folder);
        } catch (IOException | RuntimeException e) {
            throw new Unusable("cannot be opened (" + e + ")");
        }
    }

    /** Why an index folder can't be searched, said of "the index", as in "whose index is incomplete". */
    static final class Unusable extends Exception {

        Unusable(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Empties {@code folder} of an earlier index, or creates it; refuses a folder that holds anything else. */
    private static void clear(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            Files.createDirectories(folder);
            return;
        }
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException(folder + " is not a folder");
        }
        List<Path> entries = list(folder);
        List<Path> index = indexFiles(folder);
        Optional<Path> other =
                entries.stream().filter(entry -> !index.contains(entry)).findFirst();
        if (other.isPresent()) {
            throw new IllegalArgumentException(folder + " holds " + other.get().getFileName()
                    + ", which is no index file: give a new or empty folder, or one that holds an index to replace");
        }
        // The listing first: from here until the new one is written, the folder is an unfinished index.
        Files.deleteIfExists(folder.resolve(LISTING));
        for (Path file : index) {
            Files.deleteIfExists(file);
        }
    }

    /** The files in {@code folder} that an index and its listing are made of. */
    private static List<Path> indexFiles(Path folder) throws IOException {
        return list(folder).stream()
                .filter(Files::isRegularFile)
                .filter(file -> isIndexFile(file.getFileName().toString()))
                .toList();
    }

    private static boolean isIndexFile(String name) {
        return name.equals(LISTING)
                || name.equals(LISTING + ".tmp")
                || name.equals(IndexWriter.WRITE_LOCK_NAME)
                || name.startsWith(IndexFileNames.SEGMENTS)
                || name.startsWith(IndexFileNames.PENDING_SEGMENTS)
                || IndexFileNames.CODEC_FILE_PATTERN.matcher(name).matches();
    }

    private static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.sorted().toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
