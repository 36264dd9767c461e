package dev.portafunc.search.local;

import dev.portafunc.text.HtmlEntities;
import dev.portafunc.text.TextCleaner;
import java.util.ArrayList;
import java.util.List;

/**
 * The readable text of a Markdown document, block by block: its headings apart from its paragraphs, list items and
 * code blocks, and inline markup (emphasis, code spans, links, images, raw HTML, escapes) reduced to the words a reader
 * sees. Enough of CommonMark for documents written to be read; not a renderer.
 */
final class MarkdownText {

    /**
     * A document's text.
     *
     * @param headings its headings, in order, as plain text
     * @param blocks its other blocks (paragraphs, list items, code), in order, each as one line of plain text
     */
    record Blocks(List<String> headings, List<String> blocks) {}

    private MarkdownText() {}

    static Blocks read(String markdown) {
        List<String> headings = new ArrayList<>();
        List<String> blocks = new ArrayList<>();
        StringBuilder paragraph = new StringBuilder();
        int paragraphLines = 0;
        boolean indented = false;
        String fence = null;
        for (String line : markdown.split("\n", -1)) {
            if (fence != null) {
                if (line.strip().startsWith(fence)) {
                    fence = null;
                    flush(paragraph, blocks, true);
                } else {
                    paragraph.append(line).append(' ');
                }
                continue;
            }
            String stripped = line.strip();
            if (stripped.isEmpty()) {
                flush(paragraph, blocks, indented);
                paragraphLines = 0;
                indented = false;
                continue;
            }
            if ((line.startsWith("    ") || line.startsWith("\t")) && (paragraphLines == 0 || indented)) {
                // an indented code block, its lines as written (a paragraph's own lines may be indented too)
                if (!indented) {
                    flush(paragraph, blocks, false);
                    indented = true;
                }
                paragraph.append(stripped).append(' ');
                paragraphLines++;
                continue;
            }
            if (indented) {
                flush(paragraph, blocks, true);
                paragraphLines = 0;
                indented = false;
            }
            if (stripped.startsWith("```") || stripped.startsWith("~~~")) {
                flush(paragraph, blocks, false);
                fence = stripped.substring(0, 3);
                continue;
            }
            int heading = atxHeading(stripped);
            if (heading > 0) {
                flush(paragraph, blocks, false);
                paragraphLines = 0;
                addHeading(headings, atxHeadingText(stripped, heading));
                continue;
            }
            if (paragraphLines == 1 && isRun(stripped, '=')) {
                // a setext heading: the paragraph line above it is the heading
                addHeading(headings, paragraph.toString());
                paragraph.setLength(0);
                paragraphLines = 0;
                continue;
            }
            if (isThematicBreak(stripped)) {
                if (paragraphLines == 1 && isRun(stripped, '-')) {
                    addHeading(headings, paragraph.toString());
                    paragraph.setLength(0);
                } else {
                    flush(paragraph, blocks, false);
                }
                paragraphLines = 0;
                continue;
            }
            String content = stripped;
            while (content.startsWith(">")) {
                content = content.substring(1).strip();
            }
            int item = listItemContent(content);
            if (item > 0) {
                flush(paragraph, blocks, false); // each item is a block of its own
                content = content.substring(item);
                paragraphLines = 0;
            }
            if (!content.isEmpty()) {
                paragraph.append(content).append(' ');
                paragraphLines++;
            }
        }
        flush(paragraph, blocks, fence != null || indented);
        return new Blocks(List.copyOf(headings), List.copyOf(blocks));
    }

    private static void flush(StringBuilder paragraph, List<String> blocks, boolean code) {
        if (!paragraph.isEmpty()) {
            String text = TextCleaner.collapse(code ? paragraph.toString() : inline(paragraph.toString()));
            if (!text.isEmpty()) {
                blocks.add(text);
            }
            paragraph.setLength(0);
        }
    }

    private static void addHeading(List<String> headings, String markdown) {
        String text = TextCleaner.collapse(inline(markdown));
        if (!text.isEmpty()) {
            headings.add(text);
        }
    }

    /** The level of an ATX heading ({@code #} to {@code ######} and a space), or 0. */
    private static int atxHeading(String line) {
        int level = 0;
        while (level < line.length() && line.charAt(level) == '#') {
            level++;
        }
        boolean heading =
                level >= 1 && level <= 6 && (level == line.length() || Character.isWhitespace(line.charAt(level)));
        return heading ? level : 0;
    }

    /** The heading's text, without its opening and optional closing sequence of {@code #}. */
    private static String atxHeadingText(String line, int level) {
        String text = line.substring(level).strip();
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '#') {
            end--;
        }
        if (end == 0 || Character.isWhitespace(text.charAt(end - 1))) {
            text = text.substring(0, end).strip();
        }
        return text;
    }

    private static boolean isRun(String line, char c) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) != c) {
                return false;
            }
        }
        return !line.isEmpty();
    }

    /** Three or more {@code -}, {@code *} or {@code _}, alone on a line with spaces between them or not. */
    private static boolean isThematicBreak(String line) {
        char c = line.charAt(0);
        if (c != '-' && c != '*' && c != '_') {
            return false;
        }
        int count = 0;
        for (int i = 0; i < line.length(); i++) {
            char d = line.charAt(i);
            if (d == c) {
                count++;
            } else if (d != ' ' && d != '\t') {
                return false;
            }
        }
        return count >= 3;
    }

    /** Where a list item's content starts ({@code - }, {@code * }, {@code + }, {@code 1. }, {@code 1) }), or 0. */
    private static int listItemContent(String line) {
        int i = 0;
        if (line.startsWith("- ") || line.startsWith("* ") || line.startsWith("+ ")) {
            i = 2;
        } else {
            while (i < line.length() && i < 9 && Character.isDigit(line.charAt(i))) {
                i++;
            }
            if (i == 0
                    || i + 1 >= line.length()
                    || (line.charAt(i) != '.' && line.charAt(i) != ')')
                    || line.charAt(i + 1) != ' ') {
                return 0;
            }
            i += 2;
        }
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /**
     * Inline Markdown as the words it shows: code spans as written, links and images as their text, autolinks as their
     * address, raw HTML dropped, backslash escapes and character references resolved, and emphasis marks ({@code *},
     * {@code _}, {@code ~~}) dropped where they can open or close emphasis, kept where they are plain characters (an
     * underscore inside a word, a lone star between spaces).
     */
    static String inline(String markdown) {
        StringBuilder out = new StringBuilder(markdown.length());
        int n = markdown.length();
        int i = 0;
        while (i < n) {
            char c = markdown.charAt(i);
            switch (c) {
                case '\\' -> {
                    if (i + 1 < n && isAsciiPunctuation(markdown.charAt(i + 1))) {
                        out.append(markdown.charAt(i + 1));
                        i += 2;
                    } else {
                        out.append(c);
                        i++;
                    }
                }
                case '`' -> i = codeSpan(markdown, i, out);
                case '!' -> {
                    int end = i + 1 < n && markdown.charAt(i + 1) == '[' ? link(markdown, i + 1, out) : -1;
                    if (end < 0) {
                        out.append(c);
                        i++;
                    } else {
                        i = end;
                    }
                }
                case '[' -> {
                    int end = link(markdown, i, out);
                    if (end < 0) {
                        out.append(c);
                        i++;
                    } else {
                        i = end;
                    }
                }
                case '<' -> i = angle(markdown, i, out);
                case '&' -> i = reference(markdown, i, out);
                case '*', '_', '~' -> i = delimiters(markdown, i, out);
                default -> {
                    out.append(c);
                    i++;
                }
            }
        }
        return out.toString();
    }

    /** A code span from the backticks at {@code i}: its content as written; unclosed, the backticks themselves. */
    private static int codeSpan(String text, int i, StringBuilder out) {
        int run = runEnd(text, i, '`');
        int length = run - i;
        int close = run;
        while ((close = text.indexOf('`', close)) >= 0) {
            int closeEnd = runEnd(text, close, '`');
            if (closeEnd - close == length) {
                out.append(text, run, close);
                return closeEnd;
            }
            close = closeEnd;
        }
        out.append(text, i, run);
        return run;
    }

    /**
     * A link or image from the {@code [} at {@code i}, followed by {@code (destination)} or {@code [label]}: its text,
     * read as inline Markdown in turn; the index after it, or -1 if none starts there.
     */
    private static int link(String text, int i, StringBuilder out) {
        int close = matching(text, i, '[', ']');
        if (close < 0 || close + 1 >= text.length()) {
            return -1;
        }
        char next = text.charAt(close + 1);
        int end = next == '('
                ? matching(text, close + 1, '(', ')')
                : next == '[' ? matching(text, close + 1, '[', ']') : -1;
        if (end < 0) {
            return -1;
        }
        out.append(inline(text.substring(i + 1, close)));
        return end + 1;
    }

    /** The index of the bracket closing the one at {@code open}, counting nested pairs and skipping escapes; or -1. */
    private static int matching(String text, int open, char opening, char closing) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == opening) {
                depth++;
            } else if (c == closing && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** An autolink ({@code <https://...>}) as its address; a tag or comment dropped; a lone {@code <} kept. */
    private static int angle(String text, int i, StringBuilder out) {
        int close = text.indexOf('>', i + 1);
        if (close > 0) {
            String inside = text.substring(i + 1, close);
            if (isAutolink(inside)) {
                out.append(inside);
                return close + 1;
            }
        }
        if (i + 1 < text.length()) {
            char next = text.charAt(i + 1);
            boolean tag = (next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z') || next == '/' || next == '!';
            if (tag) {
                int end = text.startsWith("<!--", i) ? text.indexOf("-->", i + 4) : close;
                if (end > 0) {
                    return text.startsWith("<!--", i) ? end + 3 : end + 1;
                }
            }
        }
        out.append('<');
        return i + 1;
    }

    private static boolean isAutolink(String inside) {
        if (inside.isEmpty() || inside.indexOf(' ') >= 0) {
            return false;
        }
        int colon = inside.indexOf(':');
        if (colon >= 2) {
            for (int k = 0; k < colon; k++) {
                char c = inside.charAt(k);
                if (!(Character.isLetterOrDigit(c) || c == '+' || c == '.' || c == '-') || c >= 128) {
                    return false;
                }
            }
            return Character.isLetter(inside.charAt(0));
        }
        int at = inside.indexOf('@');
        return at > 0 && inside.indexOf('.', at) > at + 1;
    }

    /** A character reference ({@code &amp;}, {@code &#233;}) decoded; a lone {@code &} kept. */
    private static int reference(String text, int i, StringBuilder out) {
        int semicolon = text.indexOf(';', i + 1);
        if (semicolon > i + 1 && semicolon - i <= 33) {
            String reference = text.substring(i, semicolon + 1);
            String decoded = HtmlEntities.decode(reference);
            if (!decoded.equals(reference)) {
                out.append(decoded);
                return semicolon + 1;
            }
        }
        out.append('&');
        return i + 1;
    }

    /**
     * A run of {@code *}, {@code _} or {@code ~} at {@code i}: dropped if it can open or close emphasis (or, for
     * {@code ~~}, strikethrough), kept as written otherwise. A run can open or close when it has a non-space on one
     * side; an underscore run with a letter or digit on both sides is inside a word ({@code snake_case}), and a single
     * tilde is only ever a tilde.
     */
    private static int delimiters(String text, int i, StringBuilder out) {
        char c = text.charAt(i);
        int end = runEnd(text, i, c);
        boolean spaceBefore = i == 0 || Character.isWhitespace(text.charAt(i - 1));
        boolean spaceAfter = end == text.length() || Character.isWhitespace(text.charAt(end));
        boolean plain = (spaceBefore && spaceAfter)
                || (c == '_'
                        && i > 0
                        && end < text.length()
                        && Character.isLetterOrDigit(text.charAt(i - 1))
                        && Character.isLetterOrDigit(text.charAt(end)))
                || (c == '~' && end - i == 1);
        if (plain) {
            out.append(text, i, end);
        }
        return end;
    }

    private static int runEnd(String text, int i, char c) {
        int end = i;
        while (end < text.length() && text.charAt(end) == c) {
            end++;
        }
        return end;
    }

    private static boolean isAsciiPunctuation(char c) {
        return c < 128 && c > ' ' && !Character.isLetterOrDigit(c);
    }
}
