package dev.portafunc.search.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portafunc.search.SearchRequest;
import dev.portafunc.search.SearchResults;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The index the build ships in the jar, against one built from the corpus at start-up. */
class ShippedIndexTest {

    static final Path CORPUS = Path.of("src/main/resources/portafunc/corpus");
    static final ClassLoader CLASS_PATH = ShippedIndexTest.class.getClassLoader();

    static ShippedIndex.Loaded shipped;
    static LocalIndex built;

    @TempDir
    Path folder;

    ShippedIndex.Loaded loaded;

    @BeforeAll
    static void openTheShippedIndexAndBuildOne() {
        shipped = ShippedIndex.load(CLASS_PATH, CorpusFile.readDirectory(CORPUS));
        built = LocalIndex.build(CorpusReader.readDirectory(CORPUS));
    }

    @AfterEach
    void closeTheLoadedIndex() throws IOException {
        if (loaded != null) {
            loaded.index().close();
        }
    }

    @AfterAll
    static void close() throws IOException {
        shipped.index().close();
        built.close();
    }

    @Test
    void theBuildShipsAnIndexOfTheCorpusThatStartUpOpens() {
        assertThat(shipped.opened())
                .as("opened, not rebuilt (mvn process-classes writes it) because %s", shipped.rebuiltBecause())
                .isTrue();
        assertThat(shipped.index().size()).isEqualTo(built.size()).isGreaterThanOrEqualTo(40);
    }

    @Test
    void theShippedIndexHoldsTheSameDocumentsAndTermsAsOneBuiltFromTheCorpus() throws IOException {
        try (Directory shippedFiles = ShippedIndex.copy(CLASS_PATH, listing());
                Directory builtFiles = new ByteBuffersDirectory();
                DirectoryReader shippedReader = DirectoryReader.open(shippedFiles)) {
            LocalIndex.write(CorpusReader.readDirectory(CORPUS), builtFiles);
            try (DirectoryReader builtReader = DirectoryReader.open(builtFiles)) {
                assertThat(storedFields(shippedReader)).isEqualTo(storedFields(builtReader));
                assertThat(terms(shippedReader)).isEqualTo(terms(builtReader));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("requests")
    void theShippedIndexFindsWhatOneBuiltFromTheCorpusFinds(SearchRequest request) {
        SearchResults fromShipped = search(shipped.index(), request);

        assertThat(fromShipped.items()).isNotEmpty();
        assertThat(fromShipped).isEqualTo(search(built, request));
    }

    static Stream<SearchRequest> requests() {
        return Stream.of(
                SearchRequest.of("apache lucene"),
                SearchRequest.of("knative serving"),
                SearchRequest.of("cold starting"),
                SearchRequest.of("cafe"),
                new SearchRequest("serverless", 3, 4, null, null, null),
                new SearchRequest("serverless", 10, 1, null, "de", null),
                new SearchRequest("serverless functions", 10, 1, null, null, "wikipedia.org"));
    }

    @Test
    void aMissingIndexIsBuiltFromTheCorpus() throws IOException {
        loaded = loadFrom(folder);

        assertThat(loaded.opened()).isFalse();
        assertThat(loaded.rebuiltBecause()).contains("no shipped index");
        assertThat(search(loaded.index(), SearchRequest.of("apache lucene")))
                .isEqualTo(search(built, SearchRequest.of("apache lucene")));
    }

    @Test
    void anIndexWrittenFromAnotherCorpusIsBuiltAgain() throws IOException {
        copyOfTheShippedIndex(listing -> listing.replaceAll("(?m)^corpus=.*$", "corpus=sha256:0123"));

        loaded = loadFrom(folder);

        assertThat(loaded.opened()).isFalse();
        assertThat(loaded.rebuiltBecause()).contains("another corpus");
        assertThat(loaded.index().size()).isEqualTo(built.size());
    }

    @Test
    void aCorpusChangedSinceTheBuildIsIndexedAfresh() throws IOException {
        List<CorpusFile> corpus = new ArrayList<>(CorpusFile.readDirectory(CORPUS));
        corpus.add(new CorpusFile("misc/added.md", "# Added\n\nThe word zyxwvut.".getBytes(StandardCharsets.UTF_8)));

        loaded = ShippedIndex.load(CLASS_PATH, corpus);

        assertThat(loaded.opened()).isFalse();
        assertThat(loaded.rebuiltBecause()).contains("another corpus");
        assertThat(loaded.index().size()).isEqualTo(built.size() + 1);
        assertThat(search(loaded.index(), SearchRequest.of("zyxwvut")).items())
                .singleElement()
                .satisfies(item -> assertThat(item.title()).isEqualTo("Added"));
    }

    @Test
    void anIndexWrittenByAnotherLuceneIsBuiltAgain() throws IOException {
        copyOfTheShippedIndex(listing -> listing.replaceAll("(?m)^lucene=.*$", "lucene=9.12.0"));

        loaded = loadFrom(folder);

        assertThat(loaded.opened()).isFalse();
        assertThat(loaded.rebuiltBecause()).contains("Lucene 9.12.0");
    }

    @Test
    void anIndexWrittenByOtherIndexingCodeIsBuiltAgain() throws IOException {
        copyOfTheShippedIndex(listing -> listing.replaceAll("(?m)^code=.*$", "code=sha256:0123"));

        loaded = loadFrom(folder);

        assertThat(loaded.opened()).isFalse();
        assertThat(loaded.rebuiltBecause()).contains("another build of the indexing code");
    }

    @Test
    void anIndexMissingAFileIsBuiltAgain() throws IOException {
        Path index = copyOfTheShippedIndex(UnaryOperator.identity());
        Files.delete(index.resolve("segments_1"));

        loaded = loadFrom(folder);

        assertThat(loaded.opened()).isFalse();
        assertThat(loaded.rebuiltBecause()).contains("unreadable", "segments_1 is missing");
        assertThat(loaded.index().size()).isEqualTo(built.size());
    }

    @Test
    void anIndexWhoseListingLacksTheFingerprintIsBuiltAgain() throws IOException {
        copyOfTheShippedIndex(listing -> listing.replaceAll("(?m)^code=.*\n", ""));

        loaded = loadFrom(folder);

        assertThat(loaded.opened()).isFalse();
        assertThat(loaded.rebuiltBecause()).contains("unreadable", "no code=");
    }

    @Test
    void aCopyOfTheShippedIndexOpens() throws IOException {
        copyOfTheShippedIndex(UnaryOperator.identity());

        loaded = loadFrom(folder);

        assertThat(loaded.opened()).as(loaded.rebuiltBecause()).isTrue();
    }

    @Test
    void theListingReadsBackAsWritten() throws IOException {
        IndexListing listing = listing();

        assertThat(IndexListing.parse(listing.format())).isEqualTo(listing);
        assertThat(listing.files())
                .containsKey("segments_1")
                .allSatisfy((name, size) -> assertThat(size).isPositive());
    }

    @Test
    void aJarHoldingTheIndexItsOnlyCorpusAndItsCodeIsOpenedWithoutReadingTheCorpus() throws IOException {
        // A corpus file changed inside the jar: the seal is trusted, as the build writes the index from the corpus it
        // packs, so the corpus is not read.
        Path jar = sealedJar(
                "sealed.jar", listing -> listing, "java/jvm-jit-compilation.md", "# Changed\n\nnot what was indexed");

        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            loaded = ShippedIndex.openSealed(loader).orElseThrow();
        }

        assertThat(loaded.opened()).isTrue();
        assertThat(search(loaded.index(), SearchRequest.of("apache lucene")))
                .isEqualTo(search(built, SearchRequest.of("apache lucene")));
    }

    @Test
    void aCorpusAddedInAnotherJarIsCheckedAsAClassPathFolderIs() throws IOException {
        Path jar = sealedJar("sealed.jar", listing -> listing, null, null);
        Path other = folder.resolve("other.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(other))) {
            entry(out, ShippedIndex.CORPUS, null);
            entry(out, ShippedIndex.CORPUS + "mine.md", "# Mine\n\nmy own page".getBytes(StandardCharsets.UTF_8));
        }

        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {jar.toUri().toURL(), other.toUri().toURL()}, null)) {
            assertThat(ShippedIndex.openSealed(loader)).isEmpty();
        }
        copyOfTheShippedIndex(listing -> listing);
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {folder.toUri().toURL()}, null)) {
            assertThat(ShippedIndex.openSealed(loader)).isEmpty();
        }
    }

    @Test
    void aSealedIndexWrittenByAnotherLuceneIsNotOpened() throws IOException {
        Path jar =
                sealedJar("sealed.jar", listing -> listing.replaceAll("(?m)^lucene=.*$", "lucene=9.0.0"), null, null);

        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertThat(ShippedIndex.openSealed(loader)).isEmpty();
        }
    }

    /** A jar as the build packs the core: the shipped index, the corpus, the indexing code; one file replaced. */
    Path sealedJar(String name, UnaryOperator<String> editListing, String replaced, String content) throws IOException {
        Path jar = folder.resolve(name);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> corpus = Files.walk(CORPUS)) {
            entry(out, ShippedIndex.INDEX, null);
            for (String file : listing().files().keySet()) {
                entry(out, ShippedIndex.INDEX + file, resource(file));
            }
            String listing = new String(resource(ShippedIndex.LISTING), StandardCharsets.UTF_8);
            entry(
                    out,
                    ShippedIndex.INDEX + ShippedIndex.LISTING,
                    editListing.apply(listing).getBytes(StandardCharsets.UTF_8));
            for (Path file : corpus.sorted().toList()) {
                String path = CORPUS.relativize(file).toString().replace('\\', '/');
                if (Files.isDirectory(file)) {
                    entry(out, ShippedIndex.CORPUS + path + (path.isEmpty() ? "" : "/"), null);
                } else {
                    byte[] bytes =
                            path.equals(replaced) ? content.getBytes(StandardCharsets.UTF_8) : Files.readAllBytes(file);
                    entry(out, ShippedIndex.CORPUS + path, bytes);
                }
            }
            String code = LocalIndex.class.getName().replace('.', '/') + ".class";
            try (InputStream in = CLASS_PATH.getResourceAsStream(code)) {
                entry(out, code, in.readAllBytes());
            }
        }
        return jar;
    }

    /** A jar entry: a folder for null bytes. */
    static void entry(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        if (bytes != null) {
            out.write(bytes);
        }
        out.closeEntry();
    }

    static SearchResults search(LocalIndex index, SearchRequest request) {
        return new LocalSearchProvider(index).search(request.validated());
    }

    /** Loads the index shipped in the class path folder {@code root}, against the shipped corpus. */
    static ShippedIndex.Loaded loadFrom(Path root) throws IOException {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {
            return ShippedIndex.load(loader, CorpusFile.readDirectory(CORPUS));
        }
    }

    Path copyOfTheShippedIndex(UnaryOperator<String> editListing) throws IOException {
        Path index = Files.createDirectories(folder.resolve(ShippedIndex.INDEX));
        for (String name : listing().files().keySet()) {
            Files.write(index.resolve(name), resource(name));
        }
        String listing = new String(resource(ShippedIndex.LISTING), StandardCharsets.UTF_8);
        Files.writeString(index.resolve(ShippedIndex.LISTING), editListing.apply(listing));
        return index;
    }

    static IndexListing listing() throws IOException {
        return IndexListing.parse(new String(resource(ShippedIndex.LISTING), StandardCharsets.UTF_8));
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = CLASS_PATH.getResourceAsStream(ShippedIndex.INDEX + name)) {
            assertThat(in)
                    .as("%s%s on the test class path", ShippedIndex.INDEX, name)
                    .isNotNull();
            return in.readAllBytes();
        }
    }

    /** Every document's stored fields, in document order. */
    static List<Map<String, List<String>>> storedFields(DirectoryReader reader) throws IOException {
        List<Map<String, List<String>>> documents = new ArrayList<>();
        var stored = reader.storedFields();
        for (int doc = 0; doc < reader.maxDoc(); doc++) {
            Map<String, List<String>> fields = new LinkedHashMap<>();
            for (IndexableField field : stored.document(doc)) {
                fields.computeIfAbsent(field.name(), _ -> new ArrayList<>()).add(field.stringValue());
            }
            documents.add(fields);
        }
        return documents;
    }

    /** Every field's terms, each with its document and total frequencies. */
    static Map<String, List<String>> terms(DirectoryReader reader) throws IOException {
        Map<String, List<String>> terms = new LinkedHashMap<>();
        for (FieldInfo field : FieldInfos.getMergedFieldInfos(reader)) {
            List<String> fieldTerms = new ArrayList<>();
            Terms indexed = MultiTerms.getTerms(reader, field.getName());
            TermsEnum it = indexed == null ? TermsEnum.EMPTY : indexed.iterator();
            for (BytesRef term = it.next(); term != null; term = it.next()) {
                fieldTerms.add(term.utf8ToString() + " " + it.docFreq() + " " + it.totalTermFreq());
            }
            terms.put(field.getName(), fieldTerms);
        }
        return terms;
    }
}
