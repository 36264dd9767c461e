package dev.portafunc.manipulate;

import dev.portafunc.text.Html;

/**
 * A digest as an HTML fragment, safe to embed in a page whatever digest it is given: all its markup is made here from
 * the items' plain text (each piece escaped, the query's words in {@code <mark>}); an item's {@code html} is never
 * used; links are only ever absolute http(s), checked again here, and open without giving the target a handle on the
 * page.
 */
public final class HtmlDigestFormat implements DigestFormat {

    @Override
    public String mediaType() {
        return "text/html";
    }

    @Override
    public String render(Digest digest) {
        QueryTerms terms = QueryTerms.of(digest.query());
        int size = Formats.size(digest);
        StringBuilder out = new StringBuilder(4096);
        out.append("<section class=\"portafunc-digest\">\n");
        out.append("<p class=\"portafunc-summary\">");
        out.append(size).append(size == 1 ? " result" : " results");
        out.append(" for <q>").append(Html.escape(Formats.text(digest.query()))).append("</q>");
        if (digest.provider() != null) {
            out.append(" from <span class=\"portafunc-provider\">")
                    .append(Html.escape(digest.provider()))
                    .append("</span>");
        }
        if (digest.searchTimeMs() != null) {
            out.append(" in <span class=\"portafunc-time\">")
                    .append(digest.searchTimeMs())
                    .append(" ms</span>");
        }
        out.append("</p>\n");
        if (size > 0) {
            out.append("<ol class=\"portafunc-results\">\n");
            for (DigestItem item : digest.items()) {
                if (item == null) {
                    continue;
                }
                out.append("<li>");
                String link = Links.safeText(item.url());
                if (link != null) {
                    out.append("<a href=\"");
                    Html.escape(link, 0, link.length(), out);
                    out.append("\" rel=\"nofollow noopener noreferrer\">");
                    Highlighter.highlight(Formats.text(item.title()), terms, out);
                    out.append("</a>");
                } else {
                    out.append("<span class=\"portafunc-title\">");
                    Highlighter.highlight(Formats.text(item.title()), terms, out);
                    out.append("</span>");
                }
                String site = Formats.text(item.site());
                if (!site.isEmpty()) {
                    out.append(" <cite>");
                    Html.escape(site, 0, site.length(), out);
                    out.append("</cite>");
                }
                String text = Formats.text(item.text());
                if (!text.isEmpty()) {
                    out.append("\n<p>");
                    Highlighter.highlight(text, terms, out);
                    out.append("</p>");
                }
                out.append("</li>\n");
            }
            out.append("</ol>\n");
        }
        out.append("</section>\n");
        return out.toString();
    }
}
