package dev.portafunc.manipulate;

import dev.portafunc.text.Html;

/** Escapes text for HTML and wraps each whole-word match of the query's terms in {@code <mark>}. */
final class Highlighter {

    private Highlighter() {}

    static String highlight(String text, QueryTerms terms) {
        StringBuilder out = new StringBuilder(text.length() + 32);
        int[] written = {0};
        if (!terms.isEmpty()) {
            QueryTerms.forEachWord(text, (start, end) -> {
                if (terms.matches(text, start, end)) {
                    Html.escape(text, written[0], start, out);
                    out.append("<mark>");
                    Html.escape(text, start, end, out);
                    out.append("</mark>");
                    written[0] = end;
                }
            });
        }
        Html.escape(text, written[0], text.length(), out);
        return out.toString();
    }
}
