package dev.portafunc.text;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a title or snippet from a search provider into plain text a person can read: markup stripped (the content of
 * scripts and styles with it), character references decoded, invisible and control characters dropped, whitespace
 * collapsed, and the length capped.
 */
public final class TextCleaner {

    private TextCleaner() {}

    public static String clean(String raw, int maxLength) {
        if (raw == null || raw.isEmpty()) {
            return "";
        }
        // Markup that arrived entity-encoded ("&lt;b&gt;") is markup too once decoded: strip it a second time.
        String text = stripTags(HtmlEntities.decode(stripTags(raw)));
        String plain = collapsedInside(text);
        if (plain != null) {
            return truncate(plain, maxLength); // printable ASCII: nothing to compose, collapse or drop
        }
        // Text below U+0300, where combining marks begin, is in NFC already: nothing in it composes or decomposes, and
        // it is collapsed in the same pass that finds out. Other text is composed first (collapsing first could join
        // a letter to a mark that a dropped character kept apart).
        String collapsed = collapseRuns(text, true);
        if (collapsed == null) {
            collapsed = collapseRuns(Normalizer.normalize(text, Normalizer.Form.NFC), false);
        }
        return truncate(collapsed, maxLength);
    }

    /** Removes tags, comments and the content of elements that hold no readable text. */
    public static String stripTags(String text) {
        return stripTags(text, ' ');
    }

    /**
     * Removes tags, comments and the content of elements that hold no readable text, putting {@code blockBreak} where
     * a block element or line break was: a space keeps the words apart, a line break keeps the blocks apart too.
     */
    public static String stripTags(String text, char blockBreak) {
        if (text.indexOf('<') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        int n = text.length();
        while (i < n) {
            int lt = text.indexOf('<', i);
            if (lt < 0) {
                out.append(text, i, n);
                break;
            }
            out.append(text, i, lt); // the text up to the next '<', at once
            i = lt;
            if (i + 1 >= n || !startsTag(text.charAt(i + 1))) {
                out.append('<');
                i++;
                continue;
            }
            if (text.startsWith("<!--", i)) {
                int close = text.indexOf("-->", i + 4);
                i = close < 0 ? n : close + 3;
                continue;
            }
            int close = text.indexOf('>', i + 1);
            if (close < 0) {
                break; // a tag cut off at the end: drop it
            }
            int nameStart = text.charAt(i + 1) == '/' ? i + 2 : i + 1;
            int nameEnd = tagNameEnd(text, nameStart, close);
            byte kind = tagKind(text, nameStart, nameEnd);
            boolean closing = nameStart == i + 2;
            i = close + 1;
            if (!closing && kind == RAW_TEXT) {
                int end = indexOfIgnoreCase(text, "</" + text.substring(nameStart, nameEnd), i);
                if (end < 0) {
                    break;
                }
                int endClose = text.indexOf('>', end);
                i = endClose < 0 ? n : endClose + 1;
            }
            if (kind == BLOCK) {
                out.append(blockBreak);
            }
        }
        return out.toString();
    }

    /** Block elements and line breaks separate words; inline ones such as {@code <b>} do not. */
    private static final Set<String> BLOCK_NAMES = Set.of(
            "br",
            "p",
            "div",
            "li",
            "ul",
            "ol",
            "dl",
            "dt",
            "dd",
            "tr",
            "td",
            "th",
            "table",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "hr",
            "section",
            "article",
            "header",
            "footer",
            "aside",
            "nav",
            "blockquote",
            "pre",
            "figure",
            "figcaption",
            "main",
            "form",
            "address");

    /** Elements whose content is no readable text: dropped with them. */
    private static final Set<String> RAW_TEXT_NAMES =
            Set.of("script", "style", "noscript", "template", "iframe", "object", "svg", "math", "textarea", "title");

    private static boolean startsTag(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '/' || c == '!' || c == '?';
    }

    /** Where a tag's name ends: its letters, digits and hyphens. */
    private static int tagNameEnd(String text, int from, int to) {
        int i = from;
        while (i < to && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '-')) {
            i++;
        }
        return i;
    }

    private static final byte INLINE = 0;
    private static final byte BLOCK = 1;
    private static final byte RAW_TEXT = 2;

    /**
     * Whether a tag's name is a block element, a raw-text element or neither. A name of ASCII letters and digits, which
     * is every element these lists hold, is read in place, packed into a {@code long}; any other name is lower-cased
     * as a string first, as before.
     */
    private static byte tagKind(String text, int from, int to) {
        long key = TagKey.of(text, from, to);
        if (key == TagKey.NOT_ASCII) {
            String name = text.substring(from, to).toLowerCase(Locale.ROOT);
            return RAW_TEXT_NAMES.contains(name) ? RAW_TEXT : BLOCK_NAMES.contains(name) ? BLOCK : INLINE;
        }
        return TagKey.kind(key);
    }

    private static int indexOfIgnoreCase(String text, String needle, int from) {
        for (int i = from; i <= text.length() - needle.length(); i++) {
            if (text.regionMatches(true, i, needle, 0, needle.length())) {
                return i;
            }
        }
        return -1;
    }

    /** Collapses runs of whitespace into one space and drops control, format and invisible characters. */
    public static String collapse(String text) {
        String plain = collapsedInside(text);
        if (plain != null) {
            return plain; // most titles and snippets: printable ASCII words, one space between them
        }
        return collapseRuns(text, false);
    }

    /**
     * {@link #collapse} for a text known not to be collapsed already ({@link #clean} has just checked). With
     * {@code belowMarks}, null as soon as the text holds a character from U+0300 on: that text is to be composed first.
     */
    private static String collapseRuns(String text, boolean belowMarks) {
        int n = text.length();
        StringBuilder out = new StringBuilder(n);
        boolean pendingSpace = false;
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            byte kind;
            if (c < 128) {
                kind = ASCII_KIND[c];
                if (kind == KEPT) {
                    // a run of printable ASCII, the bulk of any text, is copied at once
                    int end = i + 1;
                    while (end < n && (c = text.charAt(end)) < 128 && ASCII_KIND[c] == KEPT) {
                        end++;
                    }
                    if (pendingSpace) {
                        out.append(' ');
                        pendingSpace = false;
                    }
                    out.append(text, i, end);
                    i = end;
                    continue;
                }
                i++;
            } else {
                if (belowMarks && c >= '\u0300') {
                    return null;
                }
                int cp = text.codePointAt(i);
                i += Character.charCount(cp);
                kind = kind(cp);
                if (kind == KEPT) {
                    if (pendingSpace) {
                        out.append(' ');
                        pendingSpace = false;
                    }
                    out.appendCodePoint(cp);
                    continue;
                }
            }
            if (kind == SPACE) {
                pendingSpace = !out.isEmpty();
            }
            // DROPPED: nothing; invisible to a reader, or a way to spoof what the reader sees
        }
        return out.toString();
    }

    private static final byte KEPT = 0;
    private static final byte SPACE = 1;
    private static final byte DROPPED = 2;
    /** {@link #kind} of each ASCII character, looked up instead of asking {@link Character} for each. */
    private static final byte[] ASCII_KIND = new byte[128];

    static {
        for (char c = 0; c < 128; c++) {
            ASCII_KIND[c] = kind(c);
        }
    }

    private static byte kind(int cp) {
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
            return SPACE;
        }
        return isDropped(cp) ? DROPPED : KEPT;
    }

    /**
     * The text without the spaces at its ends, if between them it is printable ASCII with single spaces between words,
     * as {@link #collapse} would leave it; otherwise null. A snippet in a {@code <p>} comes out of {@link #stripTags}
     * with a space at each end, and no more to do than that.
     */
    private static String collapsedInside(String text) {
        int from = 0;
        int to = text.length();
        while (from < to && text.charAt(from) == ' ') {
            from++;
        }
        while (to > from && text.charAt(to - 1) == ' ') {
            to--;
        }
        char previous = 'x';
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == ' ' ? previous == ' ' : c < '!' || c > '~') {
                return null;
            }
            previous = c;
        }
        return text.substring(from, to);
    }

    private static boolean isDropped(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL
                || type == Character.FORMAT // zero-width characters, bidi overrides, soft hyphen
                || type == Character.PRIVATE_USE
                || type == Character.SURROGATE
                || type == Character.UNASSIGNED
                || cp == 0xFFFD;
    }

    public static String truncate(String text, int maxLength) {
        if (text.codePointCount(0, text.length()) <= maxLength) {
            return text;
        }
        int cut = text.offsetByCodePoints(0, maxLength - 1);
        int space = text.lastIndexOf(' ', cut);
        if (space > cut - 40 && space > 0) {
            cut = space;
        }
        return text.substring(0, cut).stripTrailing() + "…";
    }

    /**
     * A tag name of up to 10 ASCII letters, digits or hyphens as a number, 6 bits a character, case folded: the block
     * and raw-text elements are found by a binary search of their numbers, with no string made for each tag (it was
     * made, lower-cased and hashed twice).
     */
    private static final class TagKey {

        /** A name that holds a character outside ASCII: looked up as a string. */
        static final long NOT_ASCII = -1;
        /** A name too long to be any of the elements. */
        static final long NONE = -2;
        /** The longest name in the lists ("blockquote", "figcaption"); 6 bits a character, 10 fill 60 of a long. */
        private static final int MAX_LENGTH = Math.max(longest(BLOCK_NAMES), longest(RAW_TEXT_NAMES));
        /** 1-26 for a letter of either case, 27-36 for a digit, 37 for '-'. */
        private static final byte[] CODES = new byte[128];

        static {
            for (char c = 'a'; c <= 'z'; c++) {
                CODES[c] = (byte) (c - 'a' + 1);
                CODES[Character.toUpperCase(c)] = CODES[c];
            }
            for (char c = '0'; c <= '9'; c++) {
                CODES[c] = (byte) (c - '0' + 27);
            }
            CODES['-'] = 37;
        }

        private static final long[] BLOCKS = sorted(BLOCK_NAMES);
        private static final long[] RAW_TEXTS = sorted(RAW_TEXT_NAMES);

        private TagKey() {}

        static long of(String text, int from, int to) {
            if (to - from > MAX_LENGTH) {
                return NONE; // lower-casing never shortens a name: too long for any element, whatever it holds
            }
            long key = 0;
            for (int i = from; i < to; i++) {
                char c = text.charAt(i);
                if (c >= 128) {
                    return NOT_ASCII; // it may fold to ASCII: the Kelvin sign is a 'k'
                }
                key = key << 6 | CODES[c];
            }
            return key;
        }

        static byte kind(long key) {
            if (Arrays.binarySearch(BLOCKS, key) >= 0) {
                return BLOCK;
            }
            return Arrays.binarySearch(RAW_TEXTS, key) >= 0 ? RAW_TEXT : INLINE;
        }

        private static int longest(Set<String> names) {
            int longest = names.stream().mapToInt(String::length).max().orElse(0);
            if (longest > Long.SIZE / 6) {
                throw new IllegalStateException("An element name over 10 characters does not fit in a long");
            }
            return longest;
        }

        private static long[] sorted(Set<String> names) {
            long[] keys =
                    names.stream().mapToLong(name -> of(name, 0, name.length())).toArray();
            Arrays.sort(keys);
            return keys;
        }
    }
}
