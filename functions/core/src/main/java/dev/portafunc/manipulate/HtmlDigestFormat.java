package dev.portafunc.manipulate;

import dev.portafunc.text.Html;

/**
 * A digest as an HTML fragment, safe to embed in a page: every piece of text that came from the results is escaped,
 * links are only ever http(s) and open without giving the target a handle on the page.
 */
public final class HtmlDigestFormat implements DigestFormat {

    @Override
    public String mediaType() {
        return "text/html";
    }

    @Override
    public String render(Digest digest) {
        StringBuilder out = new StringBuilder(4096);
        out.append("<section class=\"portafunc-digest\">\n");
        out.append("<p class=\"portafunc-summary\">");
        out.append(digest.items().size()).append(digest.items().size() == 1 ? " result" : " results");
        out.append(" for <q>").append(Html.escape(digest.query())).append("</q>");
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
        if (!digest.items().isEmpty()) {
            out.append("<ol class=\"portafunc-results\">\n");
            for (DigestItem item : digest.items()) {
                out.append("<li>");
                String title = Manipulator.highlightedTitle(item, digest.query());
                if (item.url() != null) {
                    out.append("<a href=\"")
                            .append(Html.escape(item.url()))
                            .append("\" rel=\"nofollow noopener noreferrer\">")
                            .append(title)
                            .append("</a>");
                } else {
                    out.append("<span class=\"portafunc-title\">").append(title).append("</span>");
                }
                if (!item.site().isEmpty()) {
                    out.append(" <cite>").append(Html.escape(item.site())).append("</cite>");
                }
                if (!item.text().isEmpty()) {
                    out.append("\n<p>").append(item.html()).append("</p>");
                }
                out.append("</li>\n");
            }
            out.append("</ol>\n");
        }
        out.append("</section>\n");
        return out.toString();
    }
}
