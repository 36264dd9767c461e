package dev.portafunc.manipulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portafunc.search.SearchItem;
import dev.portafunc.search.SearchResults;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManipulatorTest {

    final Manipulator manipulator = new Manipulator();

    static SearchResults results(String query, SearchItem... items) {
        return new SearchResults(query, "test", (long) items.length, 1L, new ArrayList<>(List.of(items)), null);
    }

    static SearchItem item(String title, String link, String snippet) {
        return new SearchItem(title, link, null, snippet, null);
    }

    @Test
    void itemsAreRankedByHowMuchOfTheQueryTheyCoverKeepingTheProvidersOrderOnTies() {
        Digest digest = manipulator.manipulate(results(
                "lucene index",
                item("First", "https://a.example/1", "nothing relevant"),
                item("Second", "https://a.example/2", "an index"),
                item("Third", "https://a.example/3", "the lucene index"),
                item("Fourth", "https://a.example/4", "a lucene"),
                item("Fifth", "https://a.example/5", "lucene and its index")));

        assertThat(digest.items())
                .extracting(DigestItem::title)
                .containsExactly("Third", "Fifth", "Second", "Fourth", "First");
        assertThat(digest.items()).extracting(DigestItem::score).containsExactly(0.5, 0.5, 0.25, 0.25, 0.0);
    }

    @Test
    void aWordInTheTitleCountsMoreThanOneInTheSnippet() {
        Digest digest = manipulator.manipulate(results(
                "lucene index",
                item("Search engines", "https://a.example/1", "Lucene keeps an index of terms."),
                item("Lucene", "https://a.example/2", "A library that keeps an index of terms."),
                item("The Lucene index", "https://a.example/3", "How it is kept.")));

        assertThat(digest.items())
                .extracting(DigestItem::title)
                .containsExactly("The Lucene index", "Lucene", "Search engines");
        assertThat(digest.items()).extracting(DigestItem::score).containsExactly(1.0, 0.75, 0.5);
    }

    @Test
    void stopWordsAndWordFormsCountAsAReaderWouldCountThem() {
        // The query's best page, first from the provider, stays first: "starts" is a form of "start", and "to" is no
        // reason to prefer a page that has it.
        Digest digest = manipulator.manipulate(results(
                "scale to zero cold start",
                item("Scale to zero and cold starts", "https://a.example/1", "Instances go away when idle."),
                item("Autoscaling", "https://a.example/2", "It can scale to zero; a cold start follows."),
                item("Caching", "https://a.example/3", "A cache is lost to a cold start.")));

        assertThat(digest.items())
                .extracting(DigestItem::title)
                .containsExactly("Scale to zero and cold starts", "Autoscaling", "Caching");
        assertThat(digest.items()).extracting(DigestItem::score).containsExactly(1.0, 0.5, 0.25);
        assertThat(digest.items().get(1).html())
                .isEqualTo(
                        "It can <mark>scale</mark> to <mark>zero</mark>; a <mark>cold</mark> <mark>start</mark> follows.");
    }

    @Test
    void theDigestStepKeepsTheProvidersOrderAndTheRelevanceFunctionRanks() {
        SearchResults results = results(
                "lucene index",
                item("First", "https://a.example/1", "nothing relevant"),
                item("Second", "https://a.example/2", "an index"),
                item("Third", "https://a.example/3", "the lucene index"));

        Digest inProviderOrder = manipulator.digest(results);
        Digest ranked = new RelevanceFunction().apply(inProviderOrder);

        assertThat(inProviderOrder.items()).extracting(DigestItem::title).containsExactly("First", "Second", "Third");
        assertThat(inProviderOrder.items()).extracting(DigestItem::score).containsExactly(0.0, 0.25, 0.5);
        assertThat(ranked.items()).extracting(DigestItem::title).containsExactly("Third", "Second", "First");
        assertThat(ranked).usingRecursiveComparison().isEqualTo(manipulator.manipulate(results));
    }

    @Test
    void duplicatesByNormalisedUrlAreDropped() {
        Digest digest = manipulator.manipulate(results(
                "x",
                item("One", "https://Example.org/page/?utm_source=a&id=7#top", "a"),
                item("Two", "http://example.org/page?id=7&fbclid=z", "b"),
                item("Three", "https://example.org:443/page//?id=7", "c"),
                item("Four", "https://example.org/page?id=8", "d")));

        assertThat(digest.items()).extracting(DigestItem::title).containsExactly("One", "Four");
    }

    @Test
    void duplicatesBySiteAndTitleAreDropped() {
        Digest digest = manipulator.manipulate(results(
                "x",
                new SearchItem("Same <b>Title</b>", "https://a.example/1", "a.example", "a", null),
                new SearchItem("same title", "https://a.example/2", "A.example", "b", null),
                new SearchItem("Same Title", "https://b.example/3", "b.example", "c", null)));

        assertThat(digest.items())
                .extracting(DigestItem::url)
                .containsExactly("https://a.example/1", "https://b.example/3");
    }

    @Test
    void highlightingIgnoresCaseAndAccentsAndMatchesWholeWordsAndTheirForms() {
        Digest digest = manipulator.manipulate(
                results("ÉTÉ cafe", item("t", "https://a.example", "Un Café en été; caféine is not cafes or cafe.")));

        assertThat(digest.items().getFirst().html())
                .isEqualTo(
                        "Un <mark>Café</mark> en <mark>été</mark>; caféine is not <mark>cafes</mark> or <mark>cafe</mark>.");
    }

    @Test
    void everyMatchIsHighlightedHoweverManyThereAre() {
        String text = "zero, Zero & ZERO [zero] \"zero\" zero-zero 'zero' zeros zeroth";
        Digest digest = manipulator.manipulate(results("zero", item("t", "https://a.example", text)));

        assertThat(digest.items().getFirst().html())
                .isEqualTo(
                        "<mark>zero</mark>, <mark>Zero</mark> &amp; <mark>ZERO</mark> [<mark>zero</mark>] "
                                + "&quot;<mark>zero</mark>&quot; <mark>zero</mark>-<mark>zero</mark> &#39;<mark>zero</mark>&#39; <mark>zeros</mark> zeroth");
        assertThat(digest.items().getFirst().score()).isEqualTo(0.5); // in the text only
    }

    @Test
    void siteFallsBackToTheLinksHost() {
        Digest digest = manipulator.manipulate(results("x", item("t", "https://Docs.Example.org/a", "s")));

        assertThat(digest.items().getFirst().site()).isEqualTo("docs.example.org");
    }

    @Test
    void htmlSnippetIsUsedWhenThereIsNoPlainSnippet() {
        Digest digest = manipulator.manipulate(
                results("b", new SearchItem("t", "https://a.example", null, "", "<b>bold</b> &amp; b")));

        assertThat(digest.items().getFirst().text()).isEqualTo("bold & b");
    }

    @Test
    void emptyResultsGiveAnEmptyDigest() {
        Digest digest = manipulator.manipulate(results("nothing"));

        assertThat(digest.items()).isEmpty();
        assertThat(new HtmlDigestFormat().render(digest)).contains("0 results for <q>nothing</q>");
    }
}
