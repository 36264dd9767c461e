package dev.portafunc.manipulate;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.en.EnglishAnalyzer;

/**
 * The words of a query, matched in a text as an English analyzer matches them: case and accents ignored ("Café"
 * matches "cafe" and "CAFÉ"), and word forms stemmed alike ("starts" matches "start", "scaling" matches "scale"), by
 * the Porter stemmer of Lucene's English analyzer, which the local index uses too. English stop words ("to", "the") are
 * no terms unless the query is nothing but stop words.
 */
final class QueryTerms {

    /** At most this many terms count: each has a bit in an {@code int} ({@link Matches}). */
    private static final int MAX_TERMS = 32;

    private static final CharArraySet STOP_WORDS = EnglishAnalyzer.ENGLISH_STOP_WORDS_SET;

    /** The distinct terms as their stems, in the query's order; a term's index is its bit. */
    private final char[][] stems;
    /** The query's own words, folded: each matches its term whatever the stemmer makes of it. */
    private final String[] words;
    /** The index of each word's term. */
    private final int[] wordTerms;
    /** Which ASCII chars start a term's word or stem, a bit each: most words of a text start with none of them. */
    private final long[] asciiFirsts = new long[2];
    /** Whether some term starts with a char outside ASCII. */
    private final boolean otherFirsts;
    /** The length of the shortest stem: a stem is never longer than its word, so no shorter word stems to a term. */
    private final int shortest;

    private QueryTerms(List<String> words, Stemmer stemmer) {
        this.words = words.toArray(String[]::new);
        this.wordTerms = new int[this.words.length];
        char[][] stems = new char[this.words.length][];
        int size = 0;
        boolean otherFirsts = false;
        int shortest = Integer.MAX_VALUE;
        for (int i = 0; i < this.words.length; i++) {
            String word = this.words[i];
            stemmer.stem(word.toCharArray(), word.length());
            int term = term(stems, size, stemmer.buffer(), stemmer.length());
            if (term < 0) {
                term = size++;
                stems[term] = Arrays.copyOf(stemmer.buffer(), stemmer.length());
            }
            wordTerms[i] = term;
            shortest = Math.min(shortest, Math.min(stems[term].length, word.length()));
            otherFirsts |= addFirst(word.charAt(0));
            otherFirsts |= stems[term].length > 0 && addFirst(stems[term][0]);
        }
        this.stems = Arrays.copyOf(stems, size);
        this.otherFirsts = otherFirsts;
        this.shortest = shortest;
    }

    /** Notes that a term starts with {@code first}; whether that is a char outside ASCII. */
    private boolean addFirst(char first) {
        if (first >= 128) {
            return true;
        }
        asciiFirsts[first >> 6] |= 1L << first;
        return false;
    }

    static QueryTerms of(String query) {
        Set<String> words = new LinkedHashSet<>();
        Set<String> stopWords = new LinkedHashSet<>();
        if (query != null) {
            for (long word = nextWord(query, 0);
                    word >= 0 && words.size() < MAX_TERMS;
                    word = nextWord(query, end(word))) {
                String folded = fold(query, start(word), end(word));
                if (folded.isEmpty()) {
                    continue; // combining marks alone: nothing to match
                }
                if (!STOP_WORDS.contains(folded)) {
                    words.add(folded);
                } else if (stopWords.size() < MAX_TERMS) {
                    stopWords.add(folded);
                }
            }
        }
        // A query of stop words only ("to be or not to be") is still looked for.
        List<String> terms = List.copyOf(words.isEmpty() ? stopWords : words);
        Stemmer stemmer = Stemmer.acquire();
        try {
            return new QueryTerms(terms, stemmer);
        } finally {
            Stemmer.release(stemmer);
        }
    }

    /** How many distinct terms the query has: words of one stem ("start starts") are one term. */
    int size() {
        return stems.length;
    }

    boolean isEmpty() {
        return stems.length == 0;
    }

    /** {@link #match}'s answer for a word that is no term unless its stem is one. */
    private static final int STEM = -2;

    /**
     * The index of the query term a word is; -1 if it is none; {@link #STEM} if its stem may be one. A word is a term
     * if it is one of the query's words, folded, or stems as a term does. An ASCII word is read in place, and is to be
     * stemmed only when it could stem to a term: long enough, its first char one a term starts with, and its first
     * chars those of a term's stem (a Porter stem keeps all but at most its last char as its word has them, so the
     * first {@code length - 1} chars of a stem are its word's; checked over 74,000 English words).
     */
    private int match(String text, long word) {
        String source = text;
        int start = start(word);
        int length = end(word) - start;
        if (!isAsciiWord(word)) {
            source = fold(text, start, start + length);
            start = 0;
            length = source.length();
        }
        if (length < shortest) {
            return -1;
        }
        char first = lower(source.charAt(start));
        if (first < 128 ? (asciiFirsts[first >> 6] & 1L << first) == 0 : !otherFirsts) {
            return -1;
        }
        for (int i = 0; i < words.length; i++) {
            if (words[i].length() == length && foldedEquals(source, start, words[i])) {
                return wordTerms[i];
            }
        }
        return mayStemToATerm(source, start, length) ? STEM : -1;
    }

    /** The index of the query term whose stem is the word's, or -1. */
    private int stemmed(String text, long word, Stemmer stemmer) {
        String source = text;
        int start = start(word);
        int length = end(word) - start;
        if (!isAsciiWord(word)) {
            source = fold(text, start, start + length);
            start = 0;
            length = source.length();
        }
        if (stemmer.scratch.length < length) {
            stemmer.scratch = new char[length];
        }
        char[] chars = stemmer.scratch;
        for (int k = 0; k < length; k++) {
            chars[k] = lower(source.charAt(start + k));
        }
        stemmer.stem(chars, length);
        return term(stemmer.buffer(), stemmer.length());
    }

    private boolean mayStemToATerm(String text, int start, int length) {
        for (char[] stem : stems) {
            if (stem.length <= length && startsWith(text, start, stem, Math.max(1, stem.length - 1))) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(String text, int start, char[] stem, int count) {
        for (int k = 0; k < count; k++) {
            if (lower(text.charAt(start + k)) != stem[k]) {
                return false;
            }
        }
        return true;
    }

    /** The index of the term whose stem is {@code chars[0, length)}, or -1. */
    private int term(char[] chars, int length) {
        return term(stems, stems.length, chars, length);
    }

    private static int term(char[][] stems, int size, char[] chars, int length) {
        for (int i = 0; i < size; i++) {
            if (Arrays.equals(stems[i], 0, stems[i].length, chars, 0, length)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the word at {@code start}, of the term's length, is the folded term: ASCII upper case folded by hand. */
    private static boolean foldedEquals(String text, int start, String term) {
        for (int k = 0; k < term.length(); k++) {
            if (lower(text.charAt(start + k)) != term.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** ASCII upper case to lower case; any other char as it is (a folded word is in lower case already). */
    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
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
        if (stems.length == 0) {
            return Matches.NONE;
        }
        int[] bounds = null;
        int count = 0;
        int seen = 0;
        Stemmer stemmer = null; // borrowed for the first word that needs it: most texts have none
        try {
            for (long word = nextWord(text, 0); word >= 0; word = nextWord(text, end(word))) {
                int term = match(text, word);
                if (term == STEM) {
                    if (stemmer == null) {
                        stemmer = Stemmer.acquire();
                    }
                    term = stemmed(text, word, stemmer);
                }
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
        } finally {
            if (stemmer != null) {
                Stemmer.release(stemmer);
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

    /** How many distinct query terms {@code matches} cover that {@code other} does not. */
    static int coveredOnlyBy(Matches matches, Matches other) {
        return Integer.bitCount(matches.terms & ~other.terms);
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
