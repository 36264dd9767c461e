package dev.portafunc.manipulate;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The words of a query, folded so that matching ignores case and accents: "Café" matches "cafe" and "CAFÉ".
 */
final class QueryTerms {

    /** At most this many terms count: each has a bit in an {@code int} ({@link Matches}). */
    private static final int MAX_TERMS = 32;

    /** The distinct folded terms, in the query's order; a term's index is its bit. */
    private final String[] terms;
    /** Which terms are plain ASCII: most words are, and match without being copied or folded. */
    private final boolean[] ascii;
    /** Each term's index, for a word that must be folded before it can be compared. */
    private final Map<String, Integer> index;
    /** Bit {@code n} set when an ASCII term is {@code n} chars long: most words of a text are no term's length. */
    private final long asciiLengths;

    private QueryTerms(List<String> terms) {
        this.terms = terms.toArray(String[]::new);
        this.ascii = new boolean[this.terms.length];
        Map<String, Integer> index = new HashMap<>();
        long asciiLengths = 0;
        for (int i = 0; i < this.terms.length; i++) {
            ascii[i] = isAscii(this.terms[i], 0, this.terms[i].length());
            index.put(this.terms[i], i);
            if (ascii[i]) {
                asciiLengths |= lengthBit(this.terms[i].length());
            }
        }
        this.index = Map.copyOf(index);
        this.asciiLengths = asciiLengths;
    }

    /** A length's bit in {@link #asciiLengths}: bit {@code n} up to 62 chars, bit 63 for any longer. */
    private static long lengthBit(int length) {
        return 1L << Math.min(length, 63);
    }

    static QueryTerms of(String query) {
        Set<String> terms = new LinkedHashSet<>();
        if (query != null) {
            for (long word = nextWord(query, 0);
                    word >= 0 && terms.size() < MAX_TERMS;
                    word = nextWord(query, end(word))) {
                terms.add(fold(query, start(word), end(word)));
            }
        }
        return new QueryTerms(List.copyOf(terms));
    }

    int size() {
        return terms.length;
    }

    boolean isEmpty() {
        return terms.length == 0;
    }

    /**
     * The index of the query term a word is, folded; or -1. An ASCII word is compared in place, with no copy, and only
     * when some ASCII term has its length.
     */
    private int match(String text, long word) {
        int start = start(word);
        int end = end(word);
        if (isAsciiWord(word)) {
            int length = end - start;
            if ((asciiLengths & lengthBit(length)) == 0) {
                return -1;
            }
            for (int i = 0; i < terms.length; i++) {
                if (ascii[i] && terms[i].length() == length && asciiFoldedEquals(text, start, terms[i])) {
                    return i;
                }
            }
            return -1;
        }
        return index.getOrDefault(fold(text, start, end), -1);
    }

    /**
     * Whether the ASCII word at {@code start} is the folded ASCII term, of its length: upper case folded by hand, which
     * {@code regionMatches(true, ..)} did through {@code Character.toUpperCase} for each char.
     */
    private static boolean asciiFoldedEquals(String text, int start, String term) {
        for (int k = 0; k < term.length(); k++) {
            char c = text.charAt(start + k);
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != term.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAscii(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (text.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }

    /** Where the query's terms occur in a text as whole words, found in one pass over it. */
    Matches in(String text) {
        if (terms.length == 0) {
            return Matches.NONE;
        }
        int[] bounds = null;
        int count = 0;
        int seen = 0;
        for (long word = nextWord(text, 0); word >= 0; word = nextWord(text, end(word))) {
            int term = match(text, word);
            if (term >= 0) {
                int start = start(word);
                int end = end(word);
                if (bounds == null) {
                    bounds = new int[8];
                } else if (count == bounds.length) {
                    bounds = Arrays.copyOf(bounds, count * 2);
                }
                bounds[count++] = start;
                bounds[count++] = end;
                seen |= 1 << term;
            }
        }
        return count == 0 ? Matches.NONE : new Matches(bounds, count / 2, seen);
    }

    /** How many distinct query terms the matches cover together. */
    static int covered(Matches... matches) {
        int seen = 0;
        for (Matches match : matches) {
            seen |= match.terms;
        }
        return Integer.bitCount(seen);
    }

    /** The whole-word matches of the query's terms in one text, in order: their bounds, and which terms they are. */
    static final class Matches {

        static final Matches NONE = new Matches(new int[0], 0, 0);

        private final int[] bounds;
        private final int size;
        /** One bit per query term that matched. */
        private final int terms;

        private Matches(int[] bounds, int size, int terms) {
            this.bounds = bounds;
            this.size = size;
            this.terms = terms;
        }

        int size() {
            return size;
        }

        int start(int match) {
            return bounds[2 * match];
        }

        int end(int match) {
            return bounds[2 * match + 1];
        }
    }

    /**
     * The first word (a run of letters, digits and combining marks) at or after {@code from}, packed as
     * {@code start << 32 | end}, with bit 31 set if the word holds a char outside ASCII; or -1.
     */
    private static long nextWord(String text, int from) {
        int n = text.length();
        int i = from;
        while (i < n) {
            char c = text.charAt(i);
            if (c < 128) {
                if (ASCII_WORD_PART[c]) {
                    break;
                }
                i++;
            } else {
                int cp = text.codePointAt(i);
                if (isWordPart(cp)) {
                    break;
                }
                i += Character.charCount(cp);
            }
        }
        if (i >= n) {
            return -1;
        }
        int start = i;
        long nonAscii = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c < 128) {
                if (!ASCII_WORD_PART[c]) {
                    break;
                }
                i++;
            } else {
                int cp = text.codePointAt(i);
                if (!isWordPart(cp)) {
                    break;
                }
                nonAscii = NON_ASCII;
                i += Character.charCount(cp);
            }
        }
        return (long) start << 32 | nonAscii | i;
    }

    private static final long NON_ASCII = 1L << 31;

    private static int start(long word) {
        return (int) (word >>> 32);
    }

    private static int end(long word) {
        return (int) (word & Integer.MAX_VALUE);
    }

    private static boolean isAsciiWord(long word) {
        return (word & NON_ASCII) == 0;
    }

    private static final boolean[] ASCII_WORD_PART = new boolean[128];

    static {
        for (int c = 0; c < 128; c++) {
            ASCII_WORD_PART[c] = isWordPart(c);
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
