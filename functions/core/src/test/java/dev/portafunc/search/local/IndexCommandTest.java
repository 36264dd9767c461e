package dev.portafunc.search.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portafunc.search.InvalidSettingsException;
import dev.portafunc.search.SearchItem;
import dev.portafunc.search.SearchRequest;
import dev.portafunc.search.SearchResults;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.lucene.store.MMapDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A corpus of one's own indexed once by {@link IndexCommand}, then opened by a start instead of indexed again. */
class IndexCommandTest {

    /** The command as docs/custom-corpus.md gives it, run from the application's jar. */
    static final String COMMAND = "java -Dloader.main=dev.portafunc.search.local.IndexCommand -cp portafunc.jar"
            + " org.springframework.boot.loader.launch.PropertiesLauncher";

    @TempDir
    static Path shared;

    static final String QUOKKA = "A note about the quokka, a small marsupial.\n";

    static Path corpus;
    static Path index;
    static LocalIndex opened;
    static LocalIndex builtAtStart;

    @TempDir
    Path folder;

    LocalIndex loaded;

    /** The shipped corpus, and notes alike word for word, so that their ranks are ties. */
    @BeforeAll
    static void writeTheIndexOfACorpus() throws IOException {
        corpus = shared.resolve("corpus");
        copy(ShippedIndexTest.CORPUS, corpus);
        Files.createDirectories(corpus.resolve("notes"));
        Files.writeString(corpus.resolve("notes/d.md"), "# Twin note delta\n\n" + QUOKKA);
        Files.writeString(corpus.resolve("notes/b.md"), "# Twin note bravo\n\n" + QUOKKA);
        Files.writeString(corpus.resolve("notes/c.md"), "# Twin note charlie\n\n" + QUOKKA);
        Files.writeString(corpus.resolve("notes/a.txt"), "Twin note alpha\n\n" + QUOKKA);
        index = shared.resolve("index");

        Output output = command(corpus.toString(), index.toString());

        assertThat(output.status()).as(output.err()).isZero();
        assertThat(output.out()).contains("Indexed 46 documents", "PORTAFUNC_SEARCH_LOCAL_PATH", index.toString());
        opened = CustomCorpus.load(index);
        builtAtStart = CustomCorpus.load(corpus);
    }

    @AfterEach
    void closeTheLoadedIndex() throws IOException {
        if (loaded != null) {
            loaded.close();
        }
    }

    @AfterAll
    static void close() throws IOException {
        opened.close();
        builtAtStart.close();
    }

    @Test
    void aStartOpensTheIndexMemoryMappedWithoutReadingItOntoTheHeap() {
        assertThat(opened.directory()).isInstanceOf(MMapDirectory.class);
        assertThat(opened.readsStoredFieldsFromTheIndex()).isTrue();
        assertThat(opened.size()).isEqualTo(builtAtStart.size()).isEqualTo(46);
        assertThat(builtAtStart.readsStoredFieldsFromTheIndex()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("requests")
    void theIndexFindsWhatTheIndexBuiltAtStartFinds(SearchRequest request) {
        SearchResults fromTheIndex = search(opened, request);

        assertThat(fromTheIndex.items()).isNotEmpty();
        assertThat(fromTheIndex).isEqualTo(search(builtAtStart, request));
    }

    static Stream<SearchRequest> requests() {
        return Stream.of(
                SearchRequest.of("apache lucene"),
                SearchRequest.of("knative scale zero"),
                SearchRequest.of("cold starting"),
                SearchRequest.of("cafe"),
                SearchRequest.of("quokka"),
                new SearchRequest("serverless", 3, 4, null, null, null),
                new SearchRequest("serverless", 10, 1, null, "de", null),
                new SearchRequest("serverless functions", 10, 1, null, null, "wikipedia.org"));
    }

    @Test
    void tiesRankInPathOrder() {
        assertThat(search(opened, SearchRequest.of("quokka")).items())
                .extracting(SearchItem::title)
                .containsExactly("Twin note alpha", "Twin note bravo", "Twin note charlie", "Twin note delta");
    }

    @Test
    void aCopyOfTheIndexElsewhereOpens() throws IOException {
        copy(index, folder);

        loaded = CustomCorpus.load(folder);

        assertThat(search(loaded, SearchRequest.of("apache lucene")))
                .isEqualTo(search(builtAtStart, SearchRequest.of("apache lucene")));
    }

    @Test
    void theCommandReplacesAnIndexItWroteBefore() throws IOException {
        Path small = Files.createDirectories(folder.resolve("small"));
        Files.writeString(small.resolve("one.md"), "# One\n\nThe word zyxwvut.");
        Path replaced = folder.resolve("index");
        copy(index, replaced);

        assertThat(command(small.toString(), replaced.toString()).status()).isZero();

        loaded = CustomCorpus.load(replaced);
        assertThat(loaded.size()).isEqualTo(1);
        assertThat(search(loaded, SearchRequest.of("zyxwvut")).items()).hasSize(1);
    }

    @Test
    void theCommandLeavesAFolderOfOtherFilesAlone() throws IOException {
        Path notes = Files.createDirectories(folder.resolve("notes"));
        Files.writeString(notes.resolve("keep.md"), "# Keep me");

        Output output = command(corpus.toString(), notes.toString());

        assertThat(output.status()).isEqualTo(1);
        assertThat(output.err()).contains("holds keep.md, which is no index file");
        assertThat(notes.resolve("keep.md")).exists();
    }

    @Test
    void theCommandRefusesASourceWithoutDocuments() {
        Output output = command(folder.toString(), folder.resolve("index").toString());

        assertThat(output.status()).isEqualTo(1);
        assertThat(output.err()).contains("holds no .md, .html, .htm or .txt file");
    }

    @Test
    void theCommandSaysHowToRunItWhenGivenNoFolders() {
        Output output = command();

        assertThat(output.status()).isEqualTo(2);
        assertThat(output.err()).contains("Usage: java -Dloader.main=dev.portafunc.search.local.IndexCommand");
    }

    @Test
    void aFolderOfDocumentsIsStillIndexedAtStartAndSaysHowToIndexItOnce() {
        assertThat(CustomCorpus.builtAtStart(corpus, 46, 2373))
                .contains("46 documents built from " + corpus + " at start in 2373 ms")
                .contains(COMMAND + " " + corpus + " INDEX_FOLDER")
                .contains("portafunc.search.local.path");
    }

    @Test
    void aMissingFolderStopsTheStart() {
        assertThatThrownBy(() -> CustomCorpus.load(folder.resolve("missing")))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("portafunc.search.local.path (env PORTAFUNC_SEARCH_LOCAL_PATH) is ")
                .hasMessageContaining("which is not a folder")
                .hasMessageContaining(COMMAND);
    }

    @Test
    void anEmptyFolderStopsTheStart() {
        assertThatThrownBy(() -> CustomCorpus.load(folder))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessage("portafunc.search.local.path (env PORTAFUNC_SEARCH_LOCAL_PATH) is " + folder
                        + ", which holds neither an index nor any .md, .html, .htm or .txt file; write the index there"
                        + " with `" + COMMAND + " SOURCE_FOLDER " + folder
                        + "`, or point it at the folder of documents");
    }

    @Test
    void anIndexWithoutItsListingStopsTheStart() throws IOException {
        copy(index, folder);
        Files.delete(folder.resolve(IndexFolder.LISTING));

        assertThatThrownBy(() -> CustomCorpus.load(folder))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("whose index is unfinished (it has no listing.properties")
                .hasMessageContaining("write it again with `" + COMMAND + " SOURCE_FOLDER " + folder);
    }

    @Test
    void anIndexMissingAFileStopsTheStart() throws IOException {
        copy(index, folder);
        Files.delete(folder.resolve("segments_1"));

        assertThatThrownBy(() -> CustomCorpus.load(folder))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("whose index is incomplete (segments_1 is missing); write it again with `");
    }

    @Test
    void aTruncatedIndexFileStopsTheStart() throws IOException {
        copy(index, folder);
        Path postings = folder.resolve("_0_Lucene103_0.pos");
        Files.write(postings, Files.readAllBytes(postings), StandardOpenOption.APPEND);

        assertThatThrownBy(() -> CustomCorpus.load(folder))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("whose index is incomplete (_0_Lucene103_0.pos has ")
                .hasMessageContaining("bytes, its listing says ");
    }

    @Test
    void aDamagedIndexStopsTheStart() throws IOException {
        copy(index, folder);
        Path segments = folder.resolve("segments_1");
        byte[] bytes = Files.readAllBytes(segments);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(segments, bytes);

        assertThatThrownBy(() -> CustomCorpus.load(folder))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("whose index cannot be opened (")
                .hasMessageContaining("write it again with `");
    }

    @Test
    void anIndexWrittenByAnotherLuceneStopsTheStart() throws IOException {
        copy(index, folder, listing -> listing.replaceAll("(?m)^lucene=.*$", "lucene=9.12.0"));

        assertThatThrownBy(() -> CustomCorpus.load(folder))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("whose index was written by Lucene 9.12.0 and this build has Lucene 10.");
    }

    @Test
    void anIndexWrittenByAnotherBuildStopsTheStart() throws IOException {
        copy(index, folder, listing -> listing.replaceAll("(?m)^code=.*$", "code=sha256:0123"));

        assertThatThrownBy(() -> CustomCorpus.load(folder))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessage("portafunc.search.local.path (env PORTAFUNC_SEARCH_LOCAL_PATH) is " + folder
                        + ", whose index was written by another build of portafunc's indexing code; write it again"
                        + " with `" + COMMAND + " SOURCE_FOLDER " + folder + "`");
    }

    @Test
    void anIndexWithAnUnreadableListingStopsTheStart() throws IOException {
        copy(index, folder, listing -> listing.replaceAll("(?m)^code=.*\n", ""));

        assertThatThrownBy(() -> CustomCorpus.load(folder))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("whose index has an unreadable listing.properties (The listing has no code=)");
    }

    static SearchResults search(LocalIndex index, SearchRequest request) {
        return new LocalSearchProvider(index).search(request.validated());
    }

    record Output(int status, String out, String err) {}

    static Output command(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = IndexCommand.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Output(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static void copy(Path from, Path to) throws IOException {
        copy(from, to, UnaryOperator.identity());
    }

    /** Copies a folder's files, passing an index's listing through {@code editListing}. */
    static void copy(Path from, Path to, UnaryOperator<String> editListing) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                if (file.getFileName().toString().equals(IndexFolder.LISTING)) {
                    Files.writeString(target, editListing.apply(Files.readString(file)));
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }
}
