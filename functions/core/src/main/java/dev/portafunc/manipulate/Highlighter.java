package dev.portafunc.manipulate;

import dev.portafunc.text.Html;

/** Marks each whole-word match of the query's terms in a text, escaping the text for where it goes. */
final class Highlighter {

    /** Escapes {@code text[from, to)} into {@code out}. */
    interface Escaper {
        void escape(String text, int from, int to, StringBuilder out);
    }

    private Highlighter() {}

    static String highlight(String text, QueryTerms.Matches matches) {
        return mark(text, matches, Html::escape, "<mark>", "</mark>");
    }

    /** For HTML, into {@code out}: the text escaped, each match in {@code <mark>}. */
    static void highlight(String text, QueryTerms terms, StringBuilder out) {
        mark(text, terms.in(text), Html::escape, "<mark>", "</mark>", out);
    }

    /** The text escaped with {@code escaper}, each match between {@code open} and {@code close}. */
    static String mark(String text, QueryTerms.Matches matches, Escaper escaper, String open, String close) {
        StringBuilder out = new StringBuilder(text.length() + (open.length() + close.length()) * matches.size());
        mark(text, matches, escaper, open, close, out);
        return out.toString();
    }

    /** {@link #mark(String, QueryTerms.Matches, Escaper, String, String)} into {@code out}. */
    static void mark(
            String text, QueryTerms.Matches matches, Escaper escaper, String open, String close, StringBuilder out) {
        int written = 0;
        for (int i = 0; i < matches.size(); i++) {
            escaper.escape(text, written, matches.start(i), out);
            out.append(open);
            escaper.escape(text, matches.start(i), matches.end(i), out);
            out.append(close);
            written = matches.end(i);
        }
        escaper.escape(text, written, text.length(), out);
    }
}
