package dev.portafunc.search.local;

import dev.portafunc.text.HtmlEntities;
import dev.portafunc.text.TextCleaner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.lucene.util.Version;

/**
 * The listing written beside an index, last: its files and their sizes, and the fingerprint of what it was written from.
 *
 * @param fingerprint what the index was written from
 * @param files the index files' names and sizes in bytes
 */
record IndexListing(Fingerprint fingerprint, SortedMap<String, Long> files) {

    private static final String FILE = "file.";
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_.]+");

    IndexListing {
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
    }

    static IndexListing parse(String text) {
        Map<String, String> fields = new TreeMap<>();
        SortedMap<String, Long> files = new TreeMap<>();
        for (String line : text.lines().map(String::strip).toList()) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("Not a key=value line: " + line);
            }
            String key = line.substring(0, equals);
            String value = line.substring(equals + 1);
            if (key.startsWith(FILE)) {
                String name = key.substring(FILE.length());
                if (!FILE_NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("Not an index file's name: " + name);
                }
                files.put(name, Long.parseLong(value));
            } else {
                fields.put(key, value);
            }
        }
        return new IndexListing(
                new Fingerprint(field(fields, "lucene"), field(fields, "corpus"), field(fields, "code")), files);
    }

    String format() {
        StringBuilder text = new StringBuilder()
                .append(
                        "# A Lucene index of portafunc's local search provider: what it was written from, and its files\n")
                .append("lucene=")
                .append(fingerprint.lucene())
                .append('\n')
                .append("corpus=")
                .append(fingerprint.corpus())
                .append('\n')
                .append("code=")
                .append(fingerprint.code())
                .append('\n');
        files.forEach((name, size) ->
                text.append(FILE).append(name).append('=').append(size).append('\n'));
        return text.toString();
    }

    private static String field(Map<String, String> fields, String key) {
        String value = fields.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The listing has no " + key + "=");
        }
        return value;
    }

    /**
     * What an index is written from: the Lucene version, the corpus files, and the code that turns them into
     * documents and terms, so an index left over from older code (an IDE run without the Maven step) is not served.
     *
     * @param lucene the Lucene version that wrote it
     * @param corpus SHA-256 of the corpus files' paths and contents, in path order
     * @param code SHA-256 of the class files of the code that reads and analyses the corpus
     */
    record Fingerprint(String lucene, String corpus, String code) {

        private static final List<Class<?>> INDEXING_CODE = List.of(
                CorpusFile.class,
                CorpusReader.class,
                MarkdownText.class,
                LocalIndex.class,
                SearchAnalyzer.class,
                TextCleaner.class,
                HtmlEntities.class);

        /** The fingerprint of an index of {@code corpus} (in path order), written here and now. */
        static Fingerprint of(List<CorpusFile> corpus) {
            Corpus files = new Corpus();
            for (CorpusFile file : corpus) {
                files.add(file.path(), file.content());
            }
            return files.fingerprint();
        }

        /** The fingerprint of an index of a corpus whose files are added one at a time, in path order. */
        static final class Corpus {

            private final MessageDigest files = sha256();

            void add(String path, byte[] content) {
                update(files, path, content);
            }

            Fingerprint fingerprint() {
                return new Fingerprint(Version.LATEST.toString(), hex(files), indexingCode());
            }
        }

        /**
         * Why an index written from this can't be searched by this build, if it can't: another Lucene, or other code
         * turning files into terms, would read the index or analyse a query differently. Unlike {@link
         * #differenceFrom}, it leaves the corpus aside: an index built ahead of time is opened without its files.
         */
        Optional<String> incompatibility() {
            String running = Version.LATEST.toString();
            if (!lucene.equals(running)) {
                return Optional.of("was written by Lucene " + lucene + " and this build has Lucene " + running);
            }
            if (!code.equals(indexingCode())) {
                return Optional.of("was written by another build of portafunc's indexing code");
            }
            return Optional.empty();
        }

        /** Why an index written from this can't stand for one written from {@code current}, if it can't. */
        Optional<String> differenceFrom(Fingerprint current) {
            if (!lucene.equals(current.lucene)) {
                return Optional.of("the shipped index was written by Lucene " + lucene + ", this is " + current.lucene);
            }
            if (!corpus.equals(current.corpus)) {
                return Optional.of("the shipped index was written from another corpus than the one on the class path");
            }
            if (!code.equals(current.code)) {
                return Optional.of("the shipped index was written by another build of the indexing code");
            }
            return Optional.empty();
        }

        private static String indexingCode() {
            MessageDigest classes = sha256();
            for (Class<?> type : INDEXING_CODE) {
                update(classes, type.getName(), classFile(type));
            }
            return hex(classes);
        }

        private static byte[] classFile(Class<?> type) {
            try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
                // The build can always read them; where they can't be read (a native image), nothing matches and
                // the index is rebuilt.
                return in == null ? new byte[0] : in.readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        }

        private static void update(MessageDigest digest, String name, byte[] content) {
            digest.update(name.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(sha256().digest(content));
        }

        private static MessageDigest sha256() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("Every Java runtime has SHA-256", e);
            }
        }

        private static String hex(MessageDigest digest) {
            return "sha256:" + HexFormat.of().formatHex(digest.digest());
        }
    }
}
