package dev.portafunc.manipulate;

import dev.portafunc.search.SearchItem;
import dev.portafunc.search.SearchResults;
import dev.portafunc.text.TextCleaner;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The manipulation itself: clean, drop duplicates, highlight and score search results ({@link #digest}), then rank them
 * by relevance ({@link #rank}). The two steps are apart so that a deployment can keep the provider's order: the
 * {@code manipulate} function is {@link #digest}, and ranking is the {@code relevance} function composed after it.
 */
public final class Manipulator {

    static final int MAX_TITLE = 200;
    static final int MAX_TEXT = 600;
    static final int MAX_SITE = 253;

    /** Both steps: the results cleaned, scored and ranked by relevance. */
    public Digest manipulate(SearchResults results) {
        return rank(digest(results));
    }

    /**
     * Ranks a digest's items by their score, highest first; equal scores keep their order, so ties keep the
     * provider's.
     */
    public static Digest rank(Digest digest) {
        List<DigestItem> ranked = digest.items() == null ? new ArrayList<>() : new ArrayList<>(digest.items());
        // List.sort is stable: equal scores keep the provider's order.
        ranked.sort(Comparator.comparingDouble(DigestItem::score).reversed());
        return new Digest(digest.query(), digest.provider(), digest.totalResults(), digest.searchTimeMs(), ranked);
    }

    /** The results cleaned, without duplicates, highlighted and scored, in the provider's order. */
    public Digest digest(SearchResults results) {
        // The query is what the reader typed, shown escaped: collapsed, never stripped ("<table> tag" stays).
        String query = TextCleaner.truncate(TextCleaner.collapse(results.query() == null ? "" : results.query()), 2048);
        QueryTerms terms = QueryTerms.of(query);
        List<SearchItem> items = results.items() == null ? List.of() : results.items();
        List<DigestItem> kept = new ArrayList<>(items.size());
        Set<String> seenLinks = new HashSet<>();
        Set<String> seenTitles = new HashSet<>();
        for (SearchItem item : items) {
            if (item == null) {
                continue;
            }
            Links.Link link = Links.safe(item.link());
            DigestItem digested = digest(item, link, terms);
            if (digested.title().isEmpty() && digested.text().isEmpty()) {
                continue;
            }
            boolean newLink = link == null || seenLinks.add(Links.sameness(link));
            boolean newTitle = digested.site().isEmpty()
                    || digested.title().isEmpty()
                    || seenTitles.add(digested.site().toLowerCase(Locale.ROOT) + "\n"
                            + digested.title().toLowerCase(Locale.ROOT));
            if (newLink && newTitle) {
                kept.add(digested);
            }
        }
        return new Digest(query, results.provider(), results.totalResults(), results.searchTimeMs(), kept);
    }

    private static DigestItem digest(SearchItem item, Links.Link link, QueryTerms terms) {
        String title = TextCleaner.clean(item.title(), MAX_TITLE);
        String snippet = item.snippet() != null && !item.snippet().isBlank() ? item.snippet() : item.htmlSnippet();
        String text = TextCleaner.clean(snippet, MAX_TEXT);
        String site = TextCleaner.clean(item.displayLink(), MAX_SITE);
        if (site.isEmpty() && link != null) {
            site = link.host().toLowerCase(Locale.ROOT);
        }
        if (title.isEmpty() && !text.isEmpty()) {
            title = site; // a result with text but no title is named by its site, not shown as an empty link
        }
        // Each text is scanned for the query's words once: the matches score the item and highlight its text.
        QueryTerms.Matches inText = terms.in(text);
        double score = terms.isEmpty() ? 0 : round((double) QueryTerms.covered(terms.in(title), inText) / terms.size());
        return new DigestItem(
                title, link == null ? null : link.text(), site, text, Highlighter.highlight(text, inText), score);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    /** The title of an item as HTML, escaped and with the query's terms marked, for renderers. */
    static String highlightedTitle(DigestItem item, String query) {
        return Highlighter.highlight(item.title(), QueryTerms.of(query));
    }
}
