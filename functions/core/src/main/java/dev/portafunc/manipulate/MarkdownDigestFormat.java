package dev.portafunc.manipulate;

/**
 * A digest as CommonMark. Text from the results has its punctuation backslash-escaped, so it can neither open
 * markup nor raw HTML; query terms are set in bold.
 */
public final class MarkdownDigestFormat implements DigestFormat {

    @Override
    public String mediaType() {
        return "text/markdown";
    }

    @Override
    public String render(Digest digest) {
        QueryTerms terms = QueryTerms.of(digest.query());
        StringBuilder out = new StringBuilder(4096);
        out.append("## Results for ").append(escape(digest.query())).append("\n\n");
        out.append('_').append(digest.items().size()).append(digest.items().size() == 1 ? " result" : " results");
        if (digest.provider() != null) {
            out.append(" from ").append(escape(digest.provider()));
        }
        if (digest.searchTimeMs() != null) {
            out.append(" in ").append(digest.searchTimeMs()).append(" ms");
        }
        out.append("_\n");
        int n = 1;
        for (DigestItem item : digest.items()) {
            out.append('\n').append(n++).append(". ");
            String title = emphasise(item.title(), terms);
            if (item.url() != null) {
                // java.net.URI admits no '<', '>', spaces or line breaks, so the pointy-bracket form is safe.
                out.append('[').append(title).append("](<").append(item.url()).append(">)");
            } else {
                out.append(title);
            }
            if (!item.site().isEmpty()) {
                out.append(" — ").append(escape(item.site()));
            }
            if (!item.text().isEmpty()) {
                out.append("  \n   ").append(emphasise(item.text(), terms));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String emphasise(String text, QueryTerms terms) {
        return Highlighter.mark(text, terms.in(text), MarkdownDigestFormat::escape, "**", "**");
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        escape(text, 0, text.length(), out);
        return out.toString();
    }

    private static void escape(String text, int from, int to, StringBuilder out) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < 128 && !Character.isLetterOrDigit(c) && c > ' ') {
                out.append('\\');
            }
            out.append(c);
        }
    }
}
