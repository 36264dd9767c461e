package dev.portafunc.search.local;

import dev.portafunc.text.Html;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;

/**
 * Joins a document's best passages into a snippet, as plain text and as HTML with the matches in {@code <b>}: each
 * passage trimmed, passages that follow one another joined by a space, an ellipsis (one, spaced) only where text was
 * left out between them, and line breaks between paragraphs read as spaces.
 */
final class SnippetFormatter extends PassageFormatter {

    static final String ELLIPSIS = "…";

    /**
     * A snippet.
     *
     * @param text as plain text
     * @param html as HTML: escaped, the matches in {@code <b>}
     */
    record Snippet(String text, String html) {

        static final Snippet EMPTY = new Snippet("", "");
    }

    @Override
    public Snippet format(Passage[] passages, String content) {
        StringBuilder text = new StringBuilder(256);
        StringBuilder html = new StringBuilder(320);
        int previousEnd = -1;
        for (Passage passage : passages) {
            int start = skipSpace(content, passage.getStartOffset(), passage.getEndOffset());
            int end = trimSpace(content, start, passage.getEndOffset());
            if (start >= end) {
                continue;
            }
            if (previousEnd >= 0) {
                boolean adjacent = skipSpace(content, previousEnd, start) == start;
                boolean elided = !adjacent && !endsWith(text, ELLIPSIS) && !content.startsWith(ELLIPSIS, start);
                String separator = elided ? " " + ELLIPSIS + " " : " ";
                text.append(separator);
                html.append(separator);
            }
            int written = start;
            for (int i = 0; i < passage.getNumMatches(); i++) {
                int matchStart = Math.max(passage.getMatchStarts()[i], written);
                int matchEnd = Math.min(passage.getMatchEnds()[i], end);
                if (matchEnd <= matchStart) {
                    continue; // a match within one already marked, or past the trimmed end
                }
                append(content, written, matchStart, text, html);
                html.append("<b>");
                append(content, matchStart, matchEnd, text, html);
                html.append("</b>");
                written = matchEnd;
            }
            append(content, written, end, text, html);
            previousEnd = end;
        }
        return new Snippet(text.toString(), html.toString());
    }

    /** {@code content[from, to)}, line breaks as spaces, into both forms. */
    private static void append(String content, int from, int to, StringBuilder text, StringBuilder html) {
        int run = from;
        for (int i = from; i < to; i++) {
            if (content.charAt(i) == '\n') {
                text.append(content, run, i).append(' ');
                Html.escape(content, run, i, html);
                html.append(' ');
                run = i + 1;
            }
        }
        text.append(content, run, to);
        Html.escape(content, run, to, html);
    }

    private static int skipSpace(String content, int from, int to) {
        int i = from;
        while (i < to && Character.isWhitespace(content.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int trimSpace(String content, int from, int to) {
        int i = to;
        while (i > from && Character.isWhitespace(content.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    private static boolean endsWith(StringBuilder text, String suffix) {
        int length = text.length();
        return length >= suffix.length()
                && text.substring(length - suffix.length()).equals(suffix);
    }
}
