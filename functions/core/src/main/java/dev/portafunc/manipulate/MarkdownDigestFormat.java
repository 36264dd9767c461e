package dev.portafunc.manipulate;

import java.util.List;

/**
 * A digest as CommonMark, safe whatever digest it is given: text from the items is escaped where Markdown would read it
 * as markup, so it can open no raw HTML, autolink, link, image, emphasis or block; links are only ever absolute
 * http(s), checked again here; the query's words are set in bold. The rest of the text stays as written: "Java 25,
 * high-performance." needs no backslash.
 */
public final class MarkdownDigestFormat implements DigestFormat {

    @Override
    public String mediaType() {
        return "text/markdown";
    }

    @Override
    public String render(Digest digest) {
        QueryTerms terms = QueryTerms.of(digest.query());
        int size = Formats.size(digest);
        StringBuilder out = new StringBuilder(4096);
        out.append("## Results for ")
                .append(escape(Formats.text(digest.query())))
                .append("\n\n");
        out.append('_').append(size).append(size == 1 ? " result" : " results");
        if (digest.provider() != null) {
            out.append(" from ").append(escape(digest.provider()));
        }
        if (digest.searchTimeMs() != null) {
            out.append(" in ").append(digest.searchTimeMs()).append(" ms");
        }
        out.append("_\n");
        int n = 1;
        for (DigestItem item : size == 0 ? List.<DigestItem>of() : digest.items()) {
            if (item == null) {
                continue;
            }
            out.append('\n').append(n++).append(". ");
            String url = destination(item.url());
            if (url != null) {
                out.append('[');
                emphasise(Formats.text(item.title()), terms, out);
                out.append("](<").append(url).append(">)");
            } else {
                emphasise(Formats.text(item.title()), terms, out);
            }
            String site = Formats.text(item.site());
            if (!site.isEmpty()) {
                out.append(" — ").append(escape(site));
            }
            String text = Formats.text(item.text());
            if (firstVisible(text, text.length()) < text.length()) {
                out.append("  \n   ");
                emphasise(text, terms, out);
            }
            out.append('\n');
        }
        return out.toString();
    }

    /**
     * The link as a destination in pointy brackets, if it is an absolute http(s) URL: {@link Links#safe} admits no
     * spaces, line breaks, {@code <} or {@code >}, which alone could end the brackets, and this checks it again.
     */
    private static String destination(String url) {
        String text = Links.safeText(url);
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= ' ' || c == '<' || c == '>' || c == '\\' || c == 0x7f || Character.isSpaceChar(c)) {
                return null;
            }
        }
        return text;
    }

    private static void emphasise(String text, QueryTerms terms, StringBuilder out) {
        Highlighter.mark(text, terms.in(text), MarkdownDigestFormat::escape, "**", "**", out);
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        escape(text, 0, text.length(), out);
        return out.toString();
    }

    /**
     * Escapes {@code text[from, to)}, a stretch between the bold marks of a text that may start a line. Most characters
     * are copied as they are; a character Markdown could read as markup gets a backslash where it could (see
     * {@link #needsEscape}); a line break or other control character becomes a space, so no text starts a block, and
     * those before the text's first visible character are left out.
     */
    private static void escape(String text, int from, int to, StringBuilder out) {
        int start = from == 0 ? firstVisible(text, to) : -1;
        int run = Math.max(from, start);
        for (int i = run; i < to; i++) {
            char c = text.charAt(i);
            if (c < 128 ? !SPECIAL[c] : !isLineBreak(c)) {
                continue;
            }
            if (c < ' ' || c == 0x7f || c >= 128) {
                out.append(text, run, i).append(' ');
                run = i + 1;
            } else if (needsEscape(text, from, to, i, c, start)) {
                out.append(text, run, i).append('\\');
                run = i; // the character itself goes out with the run that follows
            }
        }
        out.append(text, run, to);
    }

    /** Where the text's first visible character is, before {@code to}: where a line of it starts. */
    private static int firstVisible(String text, int to) {
        int i = 0;
        while (i < to && (text.charAt(i) <= ' ' || text.charAt(i) == 0x7f || isLineBreak(text.charAt(i)))) {
            i++;
        }
        return i;
    }

    private static boolean isLineBreak(char c) {
        return c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    /**
     * Whether the character at {@code i} could start or end markup where it stands (CommonMark, and GitHub's tables
     * and strikethrough), in a stretch {@code [from, to)} of a text whose line starts at {@code start}:
     *
     * <ul>
     *   <li>always: {@code \ ` * [ ] | ~} (escapes, code, emphasis, links and images, tables, strikethrough);
     *   <li>{@code _} unless between two letters or digits of a word (then it can neither open nor close emphasis);
     *   <li>{@code <} unless a space follows (else it could open raw HTML or an autolink);
     *   <li>{@code &} when a character reference could follow ({@code &amp;}, {@code &#60;});
     *   <li>at the start of the line: {@code # > - + =} and the {@code .} or {@code )} after digits (headings, quotes,
     *       lists, breaks);
     *   <li>a run of {@code #} that ends the text after a space (it would close a heading).
     * </ul>
     */
    private static boolean needsEscape(String text, int from, int to, int i, char c, int start) {
        return switch (c) {
            case '\\', '`', '*', '[', ']', '|', '~' -> true;
            case '_' ->
                !(i > from
                        && i + 1 < to
                        && Character.isLetterOrDigit(text.charAt(i - 1))
                        && Character.isLetterOrDigit(text.charAt(i + 1)));
            case '<' -> !(i + 1 < to && Character.isWhitespace(text.charAt(i + 1)));
            case '&' -> startsReference(text, i, to);
            case '>', '-', '+', '=' -> i == start;
            case '#' -> i == start || (text.charAt(i - 1) == ' ' && closesHeading(text, i));
            case '.', ')' -> start >= 0 && i > start && i - start <= 9 && digits(text, start, i);
            default -> false;
        };
    }

    /** Whether {@code &} at {@code i} is followed by a name or number and {@code ;}, as a character reference is. */
    private static boolean startsReference(String text, int i, int to) {
        int j = i + 1;
        while (j < to && j - i <= 32 && (isAsciiLetterOrDigit(text.charAt(j)) || text.charAt(j) == '#')) {
            j++;
        }
        return j > i + 1 && j < to && text.charAt(j) == ';';
    }

    /** Whether the run of {@code #} at {@code i} has only spaces after it, to the end of the text. */
    private static boolean closesHeading(String text, int i) {
        int j = i;
        while (j < text.length() && text.charAt(j) == '#') {
            j++;
        }
        while (j < text.length() && text.charAt(j) == ' ') {
            j++;
        }
        return j == text.length();
    }

    /** Whether {@code text[from, to)} is all digits: at a line's start, "1986." would start an ordered list. */
    private static boolean digits(String text, int from, int to) {
        for (int k = from; k < to; k++) {
            if (text.charAt(k) < '0' || text.charAt(k) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** The ASCII characters {@link #escape} looks at: controls, and those Markdown may read as markup somewhere. */
    private static final boolean[] SPECIAL = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            SPECIAL[c] = c < ' ' || c == 0x7f || "\\`*_[]|~<>&#-+=.)".indexOf(c) >= 0;
        }
    }
}
