package dev.portafunc.manipulate;

import dev.portafunc.search.SearchResults;
import dev.portafunc.testing.Fixtures;
import dev.portafunc.testing.Golden;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Each fixture of search results, manipulated and rendered in every format, against its golden files. */
class ManipulatorGoldenTest {

    static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    final Manipulator manipulator = new Manipulator();

    Digest digest(String fixture) {
        SearchResults results = JSON.readValue(Fixtures.read("manipulate/" + fixture + ".json"), SearchResults.class);
        return manipulator.manipulate(results);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ordinary-results", "hostile-results"})
    void digestAsJsonMatchesGolden(String fixture) {
        Golden.assertMatches("manipulate/golden/" + fixture + ".json", JSON.writeValueAsString(digest(fixture)) + "\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ordinary-results", "hostile-results"})
    void digestAsHtmlMatchesGolden(String fixture) {
        Golden.assertMatches("manipulate/golden/" + fixture + ".html", new HtmlDigestFormat().render(digest(fixture)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ordinary-results", "hostile-results"})
    void digestAsMarkdownMatchesGolden(String fixture) {
        Golden.assertMatches(
                "manipulate/golden/" + fixture + ".md", new MarkdownDigestFormat().render(digest(fixture)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ordinary-results", "hostile-results"})
    void digestAsPlainTextMatchesGolden(String fixture) {
        Golden.assertMatches(
                "manipulate/golden/" + fixture + ".txt", new PlainTextDigestFormat().render(digest(fixture)));
    }
}
