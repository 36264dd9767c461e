package dev.portafunc.manipulate;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The words of a query, folded so that matching ignores case and accents: "Café" matches "cafe" and "CAFÉ".
 */
final class QueryTerms {

    private static final int MAX_TERMS = 32;

    private final Set<String> folded;
    /** The folded terms that are plain ASCII: most words are, and match without being copied or folded. */
    private final String[] ascii;

    private QueryTerms(Set<String> folded) {
        this.folded = folded;
        this.ascii =
                folded.stream().filter(term -> isAscii(term, 0, term.length())).toArray(String[]::new);
    }

    static QueryTerms of(String query) {
        Set<String> terms = new LinkedHashSet<>();
        if (query != null) {
            forEachWord(query, (start, end) -> {
                if (terms.size() < MAX_TERMS) {
                    terms.add(fold(query, start, end));
                }
            });
        }
        return new QueryTerms(Set.copyOf(terms));
    }

    int size() {
        return folded.size();
    }

    boolean isEmpty() {
        return folded.isEmpty();
    }

    boolean matches(String text, int start, int end) {
        return match(text, start, end) != null;
    }

    /** The query term a word is, folded; or null. An ASCII word is compared in place, with no copy. */
    private String match(String text, int start, int end) {
        if (isAscii(text, start, end)) {
            int length = end - start;
            for (String term : ascii) {
                if (term.length() == length && text.regionMatches(true, start, term, 0, length)) {
                    return term;
                }
            }
            return null;
        }
        String word = fold(text, start, end);
        return folded.contains(word) ? word : null;
    }

    private static boolean isAscii(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (text.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }

    /** How many distinct query terms occur as whole words in the given texts. */
    int coveredBy(String... texts) {
        if (folded.isEmpty()) {
            return 0;
        }
        Set<String> seen = new java.util.HashSet<>();
        for (String text : texts) {
            forEachWord(text, (start, end) -> {
                String term = match(text, start, end);
                if (term != null) {
                    seen.add(term);
                }
            });
        }
        return seen.size();
    }

    interface WordVisitor {
        void word(int start, int end);
    }

    /** Calls the visitor with the bounds of each run of letters and digits (a word, for matching purposes). */
    static void forEachWord(String text, WordVisitor visitor) {
        int i = 0;
        int n = text.length();
        while (i < n) {
            int cp = text.codePointAt(i);
            if (!isWordPart(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            while (i < n) {
                cp = text.codePointAt(i);
                if (!isWordPart(cp)) {
                    break;
                }
                i += Character.charCount(cp);
            }
            visitor.word(start, i);
        }
    }

    static boolean isWordPart(int cp) {
        return Character.isLetterOrDigit(cp) || Character.getType(cp) == Character.NON_SPACING_MARK;
    }

    /** Lower case without diacritics; the ASCII fast path avoids normalising the common case. */
    static String fold(String text, int start, int end) {
        String word = text.substring(start, end);
        if (isAscii(text, start, end)) {
            return word.toLowerCase(Locale.ROOT);
        }
        String decomposed = Normalizer.normalize(word, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); ) {
            int cp = decomposed.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.getType(cp) != Character.NON_SPACING_MARK) {
                out.appendCodePoint(cp);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
