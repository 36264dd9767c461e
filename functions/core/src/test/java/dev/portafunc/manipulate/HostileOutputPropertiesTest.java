package dev.portafunc.manipulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portafunc.search.SearchItem;
import dev.portafunc.search.SearchResults;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of the output for any results a malicious upstream can send, and for any digest a malicious caller can
 * hand the relevance function or a format: titles, snippets, links and HTML built from fragments of script tags, event
 * handlers, dangerous schemes in every case and encoding, broken tags, look-alike and invisible characters. Whatever
 * comes in, only portafunc's own tags leave as HTML, only http(s) links are kept, Markdown cannot open raw HTML, a block
 * or a link of another kind, and plain text carries no control characters.
 */
class HostileOutputPropertiesTest {

    static final Set<String> OWN_TAGS = Set.of("section", "p", "q", "span", "ol", "li", "a", "cite", "mark");
    static final Pattern TAG = Pattern.compile("<(/?)([^\\s>/]*)([^>]*)>");
    static final Pattern ATTRIBUTE = Pattern.compile("\\s([a-zA-Z-]+)=\"([^\"]*)\"");

    final Manipulator manipulator = new Manipulator();

    @Property(tries = 400)
    void htmlHoldsOnlyOwnTagsAndSafeLinks(@ForAll("hostileResults") SearchResults results) {
        assertHoldsOnlyOwnTagsAndSafeLinks(new HtmlDigestFormat().render(manipulator.manipulate(results)));
    }

    @Property(tries = 400)
    void jsonKeepsOnlyHttpLinksAndItsHtmlOnlyMarks(@ForAll("hostileResults") SearchResults results) {
        assertOnlyHttpLinksAndMarks(manipulator.manipulate(results));
    }

    @Property(tries = 400)
    void markdownCannotOpenRawHtmlOrOtherLinks(@ForAll("hostileResults") SearchResults results) {
        assertOpensNoRawHtmlOrOtherLinks(new MarkdownDigestFormat().render(manipulator.manipulate(results)));
    }

    @Property(tries = 400)
    void plainTextHoldsNoControlCharacters(@ForAll("hostileResults") SearchResults results) {
        assertHoldsNoControlCharacters(new PlainTextDigestFormat().render(manipulator.manipulate(results)));
    }

    /**
     * A digest may come from outside: the relevance function takes one, and a format renders whatever it is given. Its
     * {@code html} fields above all may hold anything; no format uses them, and relevance makes them afresh.
     */
    @Property(tries = 400)
    void aDigestFromOutsideBecomesNoMarkupInAnyFormat(
            @ForAll("hostileDigests") Digest digest, @ForAll boolean throughRelevance) {
        Digest given = throughRelevance ? new RelevanceFunction().apply(digest) : digest;

        assertHoldsOnlyOwnTagsAndSafeLinks(new HtmlDigestFormat().render(given));
        assertOpensNoRawHtmlOrOtherLinks(new MarkdownDigestFormat().render(given));
        assertHoldsNoControlCharacters(new PlainTextDigestFormat().render(given));
        if (throughRelevance) {
            assertOnlyHttpLinksAndMarks(given);
        }
    }

    static void assertHoldsOnlyOwnTagsAndSafeLinks(String html) {
        Matcher tag = TAG.matcher(html);
        while (tag.find()) {
            assertThat(OWN_TAGS).as("tag %s in %s", tag.group(), html).contains(tag.group(2));
            Matcher attribute = ATTRIBUTE.matcher(tag.group(3));
            assertThat(attribute.replaceAll("").strip())
                    .as("stray attribute text in %s", tag.group())
                    .isEmpty();
            attribute.reset();
            while (attribute.find()) {
                assertThat(attribute.group(1)).isIn("class", "href", "rel");
                if (attribute.group(1).equals("href")) {
                    assertThat(attribute.group(2)).matches("https?://[^\\s\"'<>`]+");
                }
            }
        }
    }

    static void assertOnlyHttpLinksAndMarks(Digest digest) {
        for (DigestItem item : digest.items()) {
            if (item.url() != null) {
                assertThat(item.url()).matches("(?i)https?://.+");
            }
            assertThat(item.html().replace("<mark>", "").replace("</mark>", "")).doesNotContain("<", ">");
            assertThat(item.title() + item.text() + item.site()).doesNotContain("\u0000", "\u202e", "\u200b", "\u001b");
            assertThat(item.score()).isBetween(0.0, 1.0);
        }
    }

    static void assertOpensNoRawHtmlOrOtherLinks(String markdown) {
        assertThat(markdown).doesNotContainPattern("(?<!\\\\)<(?!\\s|https?://)");
        assertThat(markdown).doesNotContainPattern("(?<!\\\\)\\]\\((?!<https?://)");
        // Only the format's own lines: no text starts a heading, quote, list or code block of its own.
        assertThat(markdown.lines())
                .allSatisfy(line -> assertThat(line).matches("|## Results for .*|_.+_|\\d+\\. .*|   [^\\s>#+=-].*"));
    }

    static void assertHoldsNoControlCharacters(String text) {
        assertThat(text.chars().filter(c -> (c < 0x20 && c != '\n') || (c >= 0x7f && c <= 0x9f)))
                .isEmpty();
        assertThat(text).doesNotContain("\u202e", "\u200b", "\u2028", "\u2029");
    }

    @Provide
    Arbitrary<SearchResults> hostileResults() {
        Arbitrary<SearchItem> item = Combinators.combine(hostileText(), hostileLink(), hostileText(), hostileText())
                .as((title, link, site, snippet) -> new SearchItem(title, link, site, snippet, snippet));
        return Combinators.combine(hostileText(), item.list().ofMaxSize(12))
                .as((query, items) -> new SearchResults(query, "evil", (long) items.size(), 1L, items, null));
    }

    @Provide
    Arbitrary<Digest> hostileDigests() {
        Arbitrary<String> field = hostileText().injectNull(0.05);
        Arbitrary<DigestItem> item = Combinators.combine(
                        field, hostileLink(), field, field, field, Arbitraries.doubles())
                .as(DigestItem::new);
        return Combinators.combine(field, field, item.injectNull(0.05).list().ofMaxSize(12))
                .as((query, provider, items) -> new Digest(query, provider, (long) items.size(), 1L, items));
    }

    static Arbitrary<String> hostileText() {
        return fragment().list().ofMinSize(1).ofMaxSize(8).map(parts -> String.join("", parts));
    }

    static Arbitrary<String> fragment() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        "<script>alert(1)</script>",
                        "<ScRiPt src=//evil.example/x.js>",
                        "<img src=x onerror=alert(2)>",
                        "<svg/onload=alert(3)>",
                        "<a href=\"javascript:alert(4)\">click</a>",
                        "<iframe srcdoc=\"<script>alert(5)</script>\">",
                        "&lt;script&gt;alert(6)&lt;/script&gt;",
                        "&#60;img src=x onerror=alert(7)&#62;",
                        "&#x3C;b&#x3E;",
                        "&amp;lt;b&amp;gt;",
                        "<b",
                        "<!-- x",
                        "</p><p onclick=alert(8)>",
                        "\"'><",
                        "]]>",
                        "[link](javascript:alert(9))",
                        "![x](data:text/html,x)",
                        "<https://evil.example>",
                        "＜script＞",
                        "\u202egnp.exe",
                        "zero\u200bwidth",
                        "\u0000\u0007\u001b[31m\u007f",
                        "café crème",
                        "`code`",
                        "*bold* _it_ # | ~",
                        "\n# heading",
                        "\r\n> quote",
                        "\n- item\n+ item\n1986. item\n2) item",
                        "\n    indented code",
                        "\n===\n---\n***",
                        "[ref]: javascript:alert(10)",
                        "<x@evil.example>",
                        "&amp; &#60; &lt;",
                        "\u2028\u2029\u0085"),
                Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(20),
                Arbitraries.strings().all().ofMaxLength(10));
    }

    static Arbitrary<String> hostileLink() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        "javascript:alert(1)",
                        "JaVaScRiPt:alert(2)",
                        " javascript:alert(3)",
                        "java\tscript:alert(4)",
                        "&#106;avascript:alert(5)",
                        "data:text/html;base64,PHNjcmlwdD4=",
                        "DATA:text/html,<script>",
                        "vbscript:msgbox(6)",
                        "//evil.example/protocol-relative",
                        "https://user:pass@evil.example/",
                        "https://evil.example/\"onmouseover=\"alert(7)",
                        "https://evil.example/<script>",
                        "https://ok.example/path?q=1&r=<b>",
                        "http://ok.example/",
                        "HTTPS://OK.EXAMPLE/",
                        "file:///etc/passwd",
                        "ftp://ok.example/",
                        ""),
                Arbitraries.strings().all().ofMaxLength(30).map(s -> "https://x.example/" + s),
                Arbitraries.strings().all().ofMaxLength(30));
    }
}
