package dev.portafunc.search.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CorpusReaderTest {

    @Test
    void markdownTakesItsFrontMatter() {
        CorpusDocument document = CorpusReader.read("a/knative.md", """
                ---
                title: "Knative Serving"
                url: https://knative.dev/docs/serving/
                lang: en-GB
                ---
                # Knative Serving

                Knative **scales** to [zero](https://example.org).

                ## Autoscaling
                """);

        assertThat(document.title()).isEqualTo("Knative Serving");
        assertThat(document.url()).isEqualTo("https://knative.dev/docs/serving/");
        assertThat(document.language()).isEqualTo("en");
        assertThat(document.headings()).isEqualTo("Autoscaling");
        assertThat(document.text()).isEqualTo("Knative scales to zero.");
    }

    @Test
    void markdownWithoutFrontMatterTakesItsFirstHeading() {
        CorpusDocument document = CorpusReader.read("notes.md", "Intro line\n\n# The Title\n\nBody.");

        assertThat(document.title()).isEqualTo("The Title");
        assertThat(document.url()).isNull();
        assertThat(document.language()).isEqualTo("en");
        assertThat(document.text()).isEqualTo("Intro line\nBody.");
    }

    @Test
    void markdownWithoutFrontMatterOrHeadingTakesItsFileName() {
        CorpusDocument document = CorpusReader.read("guides/cold-start_notes.md", "Just text.");

        assertThat(document.title()).isEqualTo("cold start notes");
        assertThat(document.text()).isEqualTo("Just text.");
    }

    @Test
    void markdownFrontMatterTakesSingleQuotesAndIgnoresOtherFields() {
        CorpusDocument document = CorpusReader.read("a.md", """
                ---
                title: 'Scale to zero'
                author: someone
                lang: de
                ---
                Text.
                """);

        assertThat(document.title()).isEqualTo("Scale to zero");
        assertThat(document.language()).isEqualTo("de");
        assertThat(document.text()).isEqualTo("Text.");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "docs/page.html",
                "/docs/page.html",
                "file:///srv/docs/page.md",
                "javascript:alert(1)",
                "mailto:someone@example.org",
                "ftp://example.org/page",
                "https://",
                "not a url"
            })
    void onlyAnAbsoluteHttpUrlIsAnAddress(String url) {
        CorpusDocument document = CorpusReader.read("a.md", "---\nurl: " + url + "\n---\n# A\n\nText.");

        assertThat(document.url()).isNull();
        assertThat(CorpusReader.read("b.md", "---\nurl: HTTP://Example.org/b\n---\nText.")
                        .url())
                .isEqualTo("HTTP://Example.org/b");
    }

    @Test
    void markdownTextIsItsParagraphsAndItemsOneALineWithoutMarkup() {
        CorpusDocument document = CorpusReader.read("a.md", """
                # Title

                A **cold start**, then _another_ one: `snake_case` and
                snake_case stay, a lone * stays, \\*escaped\\* too, ~~struck~~ goes.
                An ![image](x.png) and a <https://example.org> autolink, <b>raw</b> tags, &amp; references.

                ## Section
                - first item,
                - second item.

                1. numbered

                > quoted

                    indented code
                    more code

                ```
                fenced **code**
                ```

                Setext heading
                ---
                Last.
                """);

        assertThat(document.headings()).isEqualTo("Section\nSetext heading");
        assertThat(document.text())
                .isEqualTo(String.join(
                        "\n",
                        "A cold start, then another one: snake_case and snake_case stay, a lone * stays, *escaped* too,"
                                + " struck goes. An image and a https://example.org autolink, raw tags, & references.",
                        "first item,",
                        "second item.",
                        "numbered",
                        "quoted",
                        "indented code more code",
                        "fenced **code**",
                        "Last."));
    }

    @Test
    void htmlTakesTitleCanonicalLinkAndLanguage() {
        CorpusDocument document = CorpusReader.read("page.html", """
                <!DOCTYPE html><html lang="fr"><head><title>Le caf&eacute;</title>
                <link rel="canonical" href="https://fr.example/caf%C3%A9?a=1&amp;b=2">
                <style>p{color:red}</style></head>
                <body><h1>Le café</h1><p>Un <b>bon</b> café.</p><script>evil()</script></body></html>
                """);

        assertThat(document.title()).isEqualTo("Le café");
        assertThat(document.url()).isEqualTo("https://fr.example/caf%C3%A9?a=1&b=2");
        assertThat(document.language()).isEqualTo("fr");
        assertThat(document.text()).isEqualTo("Un bon café.");
    }

    @Test
    void htmlKeepsHeadingsApartAndBlocksOnLinesOfTheirOwn() {
        CorpusDocument document = CorpusReader.read("page.html", """
                <html><head><title>Caching</title></head><body>
                <h1>Caching</h1><p>A cache keeps
                copies.</p>
                <h2>Basic <em>terms</em></h2>
                <ul><li>A <strong>hit</strong> is served.</li><li>A miss is not.</li></ul>
                </body></html>
                """);

        assertThat(document.headings()).isEqualTo("Basic terms");
        assertThat(document.text()).isEqualTo("A cache keeps copies.\nA hit is served.\nA miss is not.");
    }

    @Test
    void textTakesItsFirstLineAsTitleAndAUrlLine() {
        CorpusDocument document = CorpusReader.read(
                "t.txt", "\nThe printing press\nURL: https://example.org/press\n\nGutenberg\nprinted.\n\nBooks.");

        assertThat(document.title()).isEqualTo("The printing press");
        assertThat(document.url()).isEqualTo("https://example.org/press");
        assertThat(document.text()).isEqualTo("Gutenberg printed.\nBooks.");
    }

    @Test
    void aFolderIsReadInPathOrderSkippingOtherFiles(@TempDir Path folder) throws IOException {
        Files.createDirectories(folder.resolve("b"));
        Files.writeString(folder.resolve("b/two.txt"), "Two\n\ntext");
        Files.writeString(folder.resolve("a.md"), "# One\n\ntext");
        Files.writeString(folder.resolve("image.png"), "not text");

        List<CorpusDocument> documents = CorpusReader.readDirectory(folder);

        assertThat(documents).extracting(CorpusDocument::path).containsExactly("a.md", "b/two.txt");
    }

    @Test
    void aMissingFolderIsAClearError() {
        assertThatThrownBy(() -> CorpusReader.readDirectory(Path.of("/nonexistent/corpus")))
                .hasMessageContaining("/nonexistent/corpus");
    }
}
