package dev.portafunc.search.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusReaderTest {

    @Test
    void markdownTakesItsFrontMatter() {
        CorpusDocument document = CorpusReader.read("a/knative.md", """
                ---
                title: "Knative Serving"
                url: https://knative.dev/docs/serving/
                lang: en-GB
                ---
                # Ignored heading

                Knative **scales** to [zero](https://example.org).
                """);

        assertThat(document.title()).isEqualTo("Knative Serving");
        assertThat(document.url()).isEqualTo("https://knative.dev/docs/serving/");
        assertThat(document.language()).isEqualTo("en");
        assertThat(document.text()).isEqualTo("Ignored heading Knative scales to zero.");
    }

    @Test
    void markdownWithoutFrontMatterTakesItsFirstHeading() {
        CorpusDocument document = CorpusReader.read("notes.md", "Intro line\n\n# The Title\n\nBody.");

        assertThat(document.title()).isEqualTo("The Title");
        assertThat(document.url()).isNull();
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
        assertThat(document.text()).isEqualTo("Le café Un bon café.");
    }

    @Test
    void textTakesItsFirstLineAsTitleAndAUrlLine() {
        CorpusDocument document =
                CorpusReader.read("t.txt", "\nThe printing press\nURL: https://example.org/press\n\nGutenberg.");

        assertThat(document.title()).isEqualTo("The printing press");
        assertThat(document.url()).isEqualTo("https://example.org/press");
        assertThat(document.text()).contains("Gutenberg.").doesNotContain("URL:");
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
