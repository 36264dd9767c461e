package dev.portafunc.search.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portafunc.search.SearchItem;
import dev.portafunc.search.SearchRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The local index's snippets read as text: whole sentences, no heading run into them, no stray spaces or ellipses. */
class SnippetTest {

    static final Path CORPUS = Path.of("src/main/resources/portafunc/corpus");

    static List<CorpusDocument> documents;
    static Map<String, CorpusDocument> byTitle;
    static LocalIndex index;

    @BeforeAll
    static void indexTheShippedCorpus() {
        documents = CorpusReader.readDirectory(CORPUS);
        byTitle = documents.stream().collect(Collectors.toMap(CorpusDocument::title, Function.identity(), (a, b) -> a));
        index = LocalIndex.build(documents);
    }

    @AfterAll
    static void close() throws Exception {
        index.close();
    }

    /** Each document's title as a query, and queries whose snippets once read like a flattened file. */
    static Stream<String> queries() {
        return Stream.concat(
                Stream.of("scale to zero cold start", "knative", "related projects", "activator", "spring boot 3.0"),
                CorpusReader.readDirectory(CORPUS).stream().map(CorpusDocument::title));
    }

    @ParameterizedTest
    @MethodSource("queries")
    void snippetsAreCleanSentences(String query) {
        List<SearchItem> items =
                index.search(SearchRequest.of(query).validated(), "local").items();

        assertThat(items).isNotEmpty();
        for (SearchItem item : items) {
            String snippet = item.snippet();
            assertThat(snippet).as("snippet of %s", item.title()).isNotBlank().isEqualTo(snippet.strip());
            assertThat(item.htmlSnippet()).isEqualTo(item.htmlSnippet().strip());
            assertThat(snippet)
                    .as("snippet of %s", item.title())
                    .doesNotContain("  ", "\n", ".…", "… …", "……")
                    .doesNotContainPattern(" [.,)](\\s|$)") // a mark after a space, as in "the cold start ."
                    .doesNotStartWith("…")
                    .doesNotStartWith(item.title() + " " + item.title());
            CorpusDocument document = byTitle.get(item.title());
            for (String heading : document.headings().lines().toList()) {
                // A heading run into the sentences around it reads "… experience. Related projects Knative …".
                assertThat(snippet)
                        .as("snippet of %s, heading %s", item.title(), heading)
                        .doesNotContainPattern("(^|[.!?:] )" + Pattern.quote(heading) + " \\p{Lu}");
            }
        }
    }

    @Test
    void theSnippetOfAPageDoesNotRepeatItsTitle() {
        SearchItem serving = index.search(SearchRequest.of("knative serving").validated(), "local")
                .items()
                .getFirst();

        assertThat(serving.title()).isEqualTo("Knative Serving");
        assertThat(serving.snippet())
                .startsWith("Knative Serving is the part of the Knative project")
                .doesNotContain("Related projects", "Autoscaling Knative");
    }

    @Test
    void passagesApartAreJoinedByOneSpacedEllipsisAndAdjacentOnesBySpace() {
        SearchItem scale = index.search(
                        SearchRequest.of("scale to zero cold start").validated(), "local")
                .items()
                .getFirst();

        assertThat(scale.snippet())
                .isEqualTo("One of the defining features of serverless platforms is scale to zero: when a service"
                        + " receives no traffic for a while, the platform removes every running instance. … Knative"
                        + " Serving routes requests for a scaled-to-zero revision to a component called the activator,"
                        + " which buffers them while the autoscaler brings up a pod.");
        assertThat(scale.htmlSnippet())
                .startsWith("One of the defining features of serverless platforms is <b>scale</b>");
    }
}
