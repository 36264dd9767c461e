package dev.portafunc.manipulate;

import dev.portafunc.search.SearchItem;
import dev.portafunc.search.SearchResults;
import dev.portafunc.text.TextCleaner;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.RandomAccess;
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

    /**
     * A query's word found only in an item's text counts this much towards its score; found in its title, it counts 1:
     * a title is what a page is about, a snippet may mention a word in passing.
     */
    static final double TEXT_WEIGHT = 0.5;

    /** Both steps: the results cleaned, scored and ranked by relevance. */
    public Digest manipulate(SearchResults results) {
        return rank(digest(results));
    }

    /**
     * Ranks a digest's items by relevance, highest first; equal scores keep their order, so ties keep the provider's.
     * The digest may come from anywhere (the {@code relevance} function takes one as input), so each item is made again
     * from its plain text as {@link #digest} makes it: its link kept only if it is an absolute http(s) URL, its text
     * fields without control characters, and its score and highlighted {@code html} computed afresh, never passed on.
     * Only items this class made for the same query, as {@link #digest} hands them on, are sorted as they are.
     */
    public static Digest rank(Digest digest) {
        String query = query(digest.query());
        if (digest.items() instanceof Checked checked && checked.query.equals(query)) {
            return sorted(digest, checked);
        }
        QueryTerms terms = QueryTerms.of(query);
        List<DigestItem> items = digest.items() == null ? List.of() : digest.items();
        List<DigestItem> remade = new ArrayList<>(items.size());
        for (DigestItem item : items) {
            if (item == null) {
                continue;
            }
            String title = plain(item.title(), MAX_TITLE);
            String text = plain(item.text(), MAX_TEXT);
            if (title.isEmpty() && text.isEmpty()) {
                continue;
            }
            Links.Link link = Links.safe(item.url());
            remade.add(item(title, link, plain(item.site(), MAX_SITE), text, terms));
        }
        Checked checked = new Checked(query, remade.toArray(DigestItem[]::new));
        return sorted(
                new Digest(query, digest.provider(), digest.totalResults(), digest.searchTimeMs(), checked), checked);
    }

    private static Digest sorted(Digest digest, Checked items) {
        DigestItem[] ranked = items.items.clone();
        // Arrays.sort of objects is stable: equal scores keep the provider's order.
        Arrays.sort(ranked, Comparator.comparingDouble(DigestItem::score).reversed());
        return new Digest(
                digest.query(),
                digest.provider(),
                digest.totalResults(),
                digest.searchTimeMs(),
                new Checked(items.query, ranked));
    }

    /**
     * The items of a digest this class made, for the query it made them for: a list no one else can make or change, so
     * that ranking them again, as the {@code relevance} function does right after {@code manipulate}, is only a sort.
     */
    private static final class Checked extends AbstractList<DigestItem> implements RandomAccess {

        private final String query;
        private final DigestItem[] items;

        Checked(String query, DigestItem[] items) {
            this.query = query;
            this.items = items;
        }

        @Override
        public DigestItem get(int index) {
            return items[index];
        }

        @Override
        public int size() {
            return items.length;
        }
    }

    /** The query as a reader typed it, shown escaped: collapsed, never stripped ("<table> tag" stays). */
    private static String query(String query) {
        return TextCleaner.truncate(TextCleaner.collapse(query == null ? "" : query), 2048);
    }

    /** Plain text taken as it is but for control and invisible characters and runs of spaces. */
    private static String plain(String text, int maxLength) {
        return text == null ? "" : TextCleaner.truncate(TextCleaner.collapse(text), maxLength);
    }

    /** The results cleaned, without duplicates, highlighted and scored, in the provider's order. */
    public Digest digest(SearchResults results) {
        String query = query(results.query());
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
        return new Digest(
                query,
                results.provider(),
                results.totalResults(),
                results.searchTimeMs(),
                new Checked(query, kept.toArray(DigestItem[]::new)));
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
        return item(title, link, site, text, terms);
    }

    /**
     * An item of plain text, scored and highlighted. Each text is scanned for the query's words once: the matches score
     * the item and highlight its text.
     */
    private static DigestItem item(String title, Links.Link link, String site, String text, QueryTerms terms) {
        QueryTerms.Matches inTitle = terms.in(title);
        QueryTerms.Matches inText = terms.in(text);
        double score = terms.isEmpty()
                ? 0
                : round((QueryTerms.covered(inTitle) + TEXT_WEIGHT * QueryTerms.coveredOnlyBy(inText, inTitle))
                        / terms.size());
        return new DigestItem(
                title, link == null ? null : link.text(), site, text, Highlighter.highlight(text, inText), score);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
