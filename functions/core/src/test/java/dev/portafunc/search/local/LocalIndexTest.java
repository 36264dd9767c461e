package dev.portafunc.search.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portafunc.search.SearchItem;
import dev.portafunc.search.SearchRequest;
import dev.portafunc.search.SearchResults;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The local index over the corpus portafunc ships. */
class LocalIndexTest {

    static LocalIndex index;

    @BeforeAll
    static void indexTheShippedCorpus() {
        index = LocalIndex.build(CorpusReader.readDirectory(Path.of("src/main/resources/portafunc/corpus")));
    }

    @AfterAll
    static void close() throws Exception {
        index.close();
    }

    SearchResults search(SearchRequest request) {
        return new LocalSearchProvider(index).search(request.validated());
    }

    @Test
    void theShippedCorpusIsIndexed() {
        assertThat(index.size()).isGreaterThanOrEqualTo(40);
    }

    @Test
    void searchRanksTheDocumentAboutTheQueryFirst() {
        SearchResults results = search(SearchRequest.of("apache lucene"));

        assertThat(results.provider()).isEqualTo("local");
        assertThat(results.items().getFirst().title()).isEqualTo("Apache Lucene");
        assertThat(results.items().getFirst().link()).isEqualTo("https://lucene.apache.org/");
        assertThat(results.items().getFirst().displayLink()).isEqualTo("lucene.apache.org");
    }

    @Test
    void searchGivesSnippetsAroundTheMatches() {
        SearchItem first = search(SearchRequest.of("knative serving")).items().getFirst();

        assertThat(first.htmlSnippet()).contains("<b>Knative</b>");
        assertThat(first.snippet()).contains("Knative").doesNotContain("<b>");
        assertThat(first.snippet().length()).isLessThan(800);
    }

    @Test
    void searchIgnoresAccentsAndStemsEnglish() {
        List<String> cafe = titles(search(SearchRequest.of("cafe")));
        List<String> starts = titles(search(SearchRequest.of("cold starting")));

        assertThat(cafe).contains("Coffee and the café");
        assertThat(starts).contains("Scale to zero and cold starts");
    }

    @Test
    void searchPagesThroughResults() {
        SearchResults first = search(new SearchRequest("serverless", 3, 1, null, null, null));
        SearchResults second = search(new SearchRequest("serverless", 3, 4, null, null, null));

        assertThat(first.items()).hasSize(3);
        assertThat(first.nextStart()).isEqualTo(4);
        assertThat(first.totalResults()).isGreaterThan(6);
        assertThat(titles(second)).doesNotContainAnyElementsOf(titles(first));
    }

    @Test
    void searchRestrictsToASiteAndItsSubdomains() {
        SearchResults results = search(new SearchRequest("serverless", 10, 1, null, null, "wikipedia.org"));

        assertThat(results.items())
                .isNotEmpty()
                .allSatisfy(item -> assertThat(item.link()).contains("wikipedia.org"));
    }

    @Test
    void searchRestrictsToALanguage() {
        SearchResults results = search(new SearchRequest("serverless", 10, 1, null, "de", null));

        assertThat(results.items())
                .singleElement()
                .satisfies(item -> assertThat(item.link()).startsWith("https://de.wikipedia.org/"));
    }

    @Test
    void searchForNothingIndexedFindsNothing() {
        SearchResults results = search(SearchRequest.of("zzqxv qqqzx"));

        assertThat(results.items()).isEmpty();
        assertThat(results.totalResults()).isZero();
        assertThat(results.nextStart()).isNull();
    }

    @Test
    void searchForOnlyStopWordsOrPunctuationFindsNothing() {
        assertThat(search(SearchRequest.of("the and of")).items()).isEmpty();
        assertThat(search(SearchRequest.of("?!* ~~ (( ]]")).items()).isEmpty();
    }

    @Test
    void searchTakesQueryParserSyntaxAsPlainWords() {
        SearchResults results = search(SearchRequest.of("lucene AND (\"unbalanced OR *wild~ title:"));

        assertThat(titles(results)).contains("Apache Lucene");
    }

    static List<String> titles(SearchResults results) {
        return results.items().stream().map(SearchItem::title).toList();
    }
}
