package dev.portafunc.manipulate;

import dev.portafunc.text.Html;

/** Escapes text for HTML and wraps each whole-word match of the query's terms in {@code <mark>}. */
final class Highlighter {

    private Highlighter() {}

    static String highlight(String text, QueryTerms terms) {
        return highlight(text, terms.in(text));
    }

    static String highlight(String text, QueryTerms.Matches matches) {
        StringBuilder out = new StringBuilder(text.length() + 13 * matches.size());
        int written = 0;
        for (int i = 0; i < matches.size(); i++) {
            Html.escape(text, written, matches.start(i), out);
            out.append("<mark>");
            Html.escape(text, matches.start(i), matches.end(i), out);
            out.append("</mark>");
            written = matches.end(i);
        }
        Html.escape(text, written, text.length(), out);
        return out.toString();
    }
}
