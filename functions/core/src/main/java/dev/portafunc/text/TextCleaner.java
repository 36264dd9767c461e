package dev.portafunc.text;

import java.text.Normalizer;
import java.util.Locale;

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
        if (isCollapsed(text)) {
            return truncate(text, maxLength); // printable ASCII: nothing to compose, collapse or drop
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
            String name = tagName(text, nameStart, close);
            boolean closing = nameStart == i + 2;
            i = close + 1;
            if (!closing && isRawTextElement(name)) {
                int end = indexOfIgnoreCase(text, "</" + name, i);
                if (end < 0) {
                    break;
                }
                int endClose = text.indexOf('>', end);
                i = endClose < 0 ? n : endClose + 1;
            }
            if (isBlock(name)) {
                out.append(' ');
            }
        }
        return out.toString();
    }

    /** Block elements and line breaks separate words; inline ones such as {@code <b>} do not. */
    private static boolean isBlock(String name) {
        return switch (name) {
            case "br",
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
                    "address" -> true;
            default -> false;
        };
    }

    private static boolean startsTag(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '/' || c == '!' || c == '?';
    }

    private static String tagName(String text, int from, int to) {
        int i = from;
        while (i < to && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '-')) {
            i++;
        }
        return text.substring(from, i).toLowerCase(Locale.ROOT);
    }

    private static boolean isRawTextElement(String name) {
        return switch (name) {
            case "script", "style", "noscript", "template", "iframe", "object", "svg", "math", "textarea", "title" ->
                true;
            default -> false;
        };
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
        if (isCollapsed(text)) {
            return text; // most titles and snippets: printable ASCII words, one space between them
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

    /** Whether the text is printable ASCII with single spaces between words, as {@link #collapse} would leave it. */
    private static boolean isCollapsed(String text) {
        int n = text.length();
        if (n > 0 && (text.charAt(0) == ' ' || text.charAt(n - 1) == ' ')) {
            return false;
        }
        char previous = 'x';
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == ' ' ? previous == ' ' : c < '!' || c > '~') {
                return false;
            }
            previous = c;
        }
        return true;
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
}
