package dev.portafunc.manipulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portafunc.search.SearchResults;
import dev.portafunc.testing.Fixtures;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a malicious provider sends, or a malicious digest handed to the relevance function or to a format, must never
 * become markup or a dangerous link, in any format: checked on the structure of the output, independently of the
 * golden files.
 */
class HostileOutputTest {

    static final Set<String> OWN_TAGS = Set.of("section", "p", "q", "span", "ol", "li", "a", "cite", "mark");
    static final Pattern TAG = Pattern.compile("<(/?)([^\\s>/]+)([^>]*)>");
    static final Pattern ATTRIBUTE = Pattern.compile("\\s([a-zA-Z-]+)=\"([^\"]*)\"");

    final Digest digest = new Manipulator()
            .manipulate(JsonMapper.shared()
                    .readValue(Fixtures.read("manipulate/hostile-results.json"), SearchResults.class));

    @Test
    void htmlHoldsOnlyOwnTagsAndAttributes() {
        String html = new HtmlDigestFormat().render(digest);

        assertThat(ownTags(html)).isGreaterThan(20);
        assertThat(html.toLowerCase()).doesNotContain("<script", "onerror=", "javascript:alert(5)", "<img", "<svg");
    }

    /** Checks that the HTML holds only portafunc's own tags and attributes, links only http(s); how many tags. */
    static int ownTags(String html) {
        Matcher tag = TAG.matcher(html);
        int tags = 0;
        while (tag.find()) {
            tags++;
            assertThat(OWN_TAGS).as("tag in %s", tag.group()).contains(tag.group(2));
            String attributes = tag.group(3);
            Matcher attribute = ATTRIBUTE.matcher(attributes);
            String rest = attribute.replaceAll("").strip();
            assertThat(rest).as("unquoted attribute text in %s", tag.group()).isEmpty();
            attribute.reset();
            while (attribute.find()) {
                assertThat(attribute.group(1)).isIn("class", "href", "rel");
                if (attribute.group(1).equals("href")) {
                    assertThat(attribute.group(2)).matches("https?://[^\\s\"'<>]+");
                }
            }
        }
        return tags;
    }

    @Test
    void jsonKeepsOnlyHttpLinksAndItsHtmlFieldsHoldOnlyMarks() {
        for (DigestItem item : digest.items()) {
            if (item.url() != null) {
                assertThat(item.url()).matches("https?://.+");
            }
            assertThat(item.html().replace("<mark>", "").replace("</mark>", "")).doesNotContain("<", ">");
        }
        assertThat(digest.items())
                .extracting(DigestItem::url)
                .filteredOn(u -> u != null)
                .hasSize(2);
    }

    @Test
    void markdownCannotOpenRawHtmlOrOtherLinks() {
        String markdown = new MarkdownDigestFormat().render(digest);

        assertThat(markdown).doesNotContainPattern("(?<!\\\\)<(?!\\s|https?://)");
        assertThat(markdown).doesNotContainPattern("(?<!\\\\)\\]\\((?!<https?://)");
    }

    @Test
    void plainTextHoldsNoControlCharacters() {
        String text = new PlainTextDigestFormat().render(digest);

        assertThat(text.chars().filter(c -> c < 0x20 && c != '\n')).isEmpty();
        assertThat(text).doesNotContain("\u202e", "\u200b", "\u001b");
    }

    // --- a digest from outside: what the relevance function and the formats are given as it stands ---

    /** Markup, scripts and dangerous links in every field of a digest, the {@code html} fields above all. */
    static Digest hostileDigest() {
        return JsonMapper.shared().readValue(Fixtures.read("manipulate/hostile-digest.json"), Digest.class);
    }

    /** The hostile digest as a format may be given it: as it stands, and as the relevance function returns it. */
    static Stream<Arguments> hostileDigests() {
        return Stream.of(
                Arguments.of("as given", hostileDigest()),
                Arguments.of("ranked", new RelevanceFunction().apply(hostileDigest())));
    }

    /** What appears only in the input's {@code html} fields: none of it may reach a reader. */
    static final String[] FROM_HTML_FIELDS = {"alert(5)", "alert(6)", "alert(7)", "alert(12)", "alert(13)", "alert(15)"
    };

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileDigests")
    void htmlOfADigestFromOutsideIsMadeFromItsTextAlone(String given, Digest hostile) {
        String html = new HtmlDigestFormat().render(hostile);

        assertThat(ownTags(html)).isGreaterThan(10);
        assertThat(html).doesNotContain(FROM_HTML_FIELDS).doesNotContain("href=\"javascript", "href=\" javascript");
        assertThat(html)
                .contains("&lt;img src=x onerror=<mark>alert</mark>(1)&gt; <mark>Cold</mark> <mark>start</mark>")
                .contains(
                        "<p>A <mark>cold</mark> &lt;<mark>script</mark>&gt;<mark>alert</mark>(4)&lt;/<mark>script</mark>&gt; "
                                + "<mark>start</mark>.</p>")
                .contains("<a href=\"https://ok.example/cold-start\" rel=\"nofollow noopener noreferrer\">");
    }

    @Test
    void relevanceRemakesEachItemFromItsTextAndKeepsOnlyHttpLinks() {
        Digest ranked = new RelevanceFunction().apply(hostileDigest());

        assertThat(ranked.items()).hasSize(4);
        for (DigestItem item : ranked.items()) {
            assertThat(item.url())
                    .satisfiesAnyOf(
                            url -> assertThat(url).isNull(),
                            url -> assertThat(url).matches("https?://[^\\s\"'<>]+"));
            assertThat(item.html().replace("<mark>", "").replace("</mark>", "")).doesNotContain("<", ">");
            assertThat(item.html()).doesNotContain(FROM_HTML_FIELDS);
            assertThat(item.score()).isBetween(0.0, 1.0);
            assertThat(item.title() + item.site() + item.text())
                    .doesNotContain("\n", "\r", "\u001b", "\u202e", "\u200b", "\u2028");
        }
        assertThat(ranked.items())
                .extracting(DigestItem::url)
                .containsExactly(null, "https://ok.example/cold-start", null, null);
        assertThat(ranked.items().getFirst().html())
                .isEqualTo(
                        "A <mark>cold</mark> &lt;<mark>script</mark>&gt;<mark>alert</mark>(4)&lt;/<mark>script</mark>&gt; "
                                + "<mark>start</mark>.");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileDigests")
    void markdownOfADigestFromOutsideOpensNoHtmlLinkOrBlock(String given, Digest hostile) {
        String markdown = new MarkdownDigestFormat().render(hostile);

        assertThat(markdown).doesNotContainPattern("(?<!\\\\)<(?!\\s|https?://)");
        assertThat(markdown).doesNotContainPattern("(?<!\\\\)\\]\\((?!<https?://)");
        assertThat(markdown).doesNotContain(FROM_HTML_FIELDS);
        // Only the format's own lines: the heading, the summary, an item's first line, its text indented under it.
        assertThat(markdown.lines())
                .allSatisfy(line -> assertThat(line).matches("|## Results for .+|_.+_|\\d+\\. .+|   [^\\s>#+=-].*"));
        assertThat(markdown.lines().filter(line -> line.startsWith("   ")))
                .noneMatch(line -> line.matches("   \\d+[.)].*"));
        // Every [ not escaped is one of the format's own links.
        assertThat(Pattern.compile("(?<!\\\\)\\[").matcher(markdown).results().count())
                .isEqualTo(Pattern.compile("\\]\\(<https://")
                        .matcher(markdown)
                        .results()
                        .count())
                .isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileDigests")
    void plainTextOfADigestFromOutsideHoldsNoControlCharactersOrOtherLinks(String given, Digest hostile) {
        String text = new PlainTextDigestFormat().render(hostile);

        assertThat(text.chars().filter(c -> (c < 0x20 && c != '\n') || (c >= 0x7f && c <= 0x9f)))
                .isEmpty();
        assertThat(text).doesNotContain("\u202e", "\u200b", "\u2028", "javascript:alert(2)", "JaVaScRiPt");
        assertThat(text.lines().filter(line -> line.startsWith("   http")))
                .containsExactly("   https://ok.example/cold-start");
    }
}
