package dev.portafunc.manipulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portafunc.search.SearchResults;
import dev.portafunc.testing.Fixtures;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a malicious provider sends must never become markup or a dangerous link, in any format: checked on the
 * structure of the output, independently of the golden files.
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
        assertThat(tags).isGreaterThan(20);
        assertThat(html.toLowerCase()).doesNotContain("<script", "onerror=", "javascript:alert(5)", "<img", "<svg");
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

        assertThat(markdown).doesNotContainPattern("(?<!\\\\)<(?!https?://)");
        assertThat(markdown).doesNotContainPattern("\\]\\((?!<https?://)");
    }

    @Test
    void plainTextHoldsNoControlCharacters() {
        String text = new PlainTextDigestFormat().render(digest);

        assertThat(text.chars().filter(c -> c < 0x20 && c != '\n')).isEmpty();
        assertThat(text).doesNotContain("\u202e", "\u200b", "\u001b");
    }
}
