package dev.portafunc.manipulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.portafunc.search.SearchRequest;
import dev.portafunc.search.local.CorpusDocument;
import dev.portafunc.search.local.CorpusReader;
import dev.portafunc.search.local.LocalIndex;
import dev.portafunc.search.local.LocalSearchProvider;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sample custom corpus of {@code docs/custom-corpus.md}, read, searched and shown as the document says. */
class CustomCorpusDigestTest {

    static final Path SAMPLE = Path.of("../../docs/custom-corpus-sample");

    @Test
    void theSampleIsReadAsDocumented() {
        List<CorpusDocument> documents = CorpusReader.readDirectory(SAMPLE);

        assertThat(documents)
                .extracting(CorpusDocument::title, CorpusDocument::url, CorpusDocument::language)
                .containsExactly(
                        tuple("Measuring start-up", null, "en"),
                        tuple("Keeping a warm pool", "https://example.org/notes/warm-pools", "en"));
        assertThat(documents.getLast().headings()).isEqualTo("When it pays");
    }

    @Test
    void aDocumentWithoutAUrlIsShownWithoutALinkInEveryFormat() throws Exception {
        Digest digest;
        try (LocalSearchProvider local =
                new LocalSearchProvider(LocalIndex.build(CorpusReader.readDirectory(SAMPLE)))) {
            digest = new Manipulator()
                    .manipulate(
                            local.search(SearchRequest.of("measure start-up").validated()));
        }

        DigestItem first = digest.items().getFirst();
        assertThat(first.title()).isEqualTo("Measuring start-up");
        assertThat(first.url()).isNull();
        assertThat(first.site()).isEmpty();
        assertThat(first.text()).startsWith("This note has no front matter").doesNotContain("Measuring start-up This");
        assertThat(new HtmlDigestFormat().render(digest))
                .contains(
                        "<li><span class=\"portafunc-title\"><mark>Measuring</mark> <mark>start</mark>-<mark>up</mark></span>\n<p>");
        assertThat(new MarkdownDigestFormat().render(digest))
                .contains("\n1. **Measuring** **start**-**up**  \n   This note has no front matter");
        assertThat(new PlainTextDigestFormat().render(digest))
                .contains("\n1. Measuring start-up\n   This note has no front matter");
    }
}
