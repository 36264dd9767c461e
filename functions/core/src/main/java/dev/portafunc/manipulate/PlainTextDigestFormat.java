package dev.portafunc.manipulate;

/** A digest as plain text, for terminals and {@code faas-cli invoke}. */
public final class PlainTextDigestFormat implements DigestFormat {

    @Override
    public String mediaType() {
        return "text/plain";
    }

    @Override
    public String render(Digest digest) {
        StringBuilder out = new StringBuilder(2048);
        out.append("Results for \"")
                .append(digest.query())
                .append("\": ")
                .append(digest.items().size());
        out.append(digest.items().size() == 1 ? " result" : " results");
        if (digest.provider() != null) {
            out.append(" from ").append(digest.provider());
        }
        if (digest.searchTimeMs() != null) {
            out.append(" in ").append(digest.searchTimeMs()).append(" ms");
        }
        out.append('\n');
        int n = 1;
        for (DigestItem item : digest.items()) {
            out.append('\n').append(n++).append(". ").append(item.title()).append('\n');
            if (item.url() != null) {
                out.append("   ").append(item.url()).append('\n');
            }
            if (!item.text().isEmpty()) {
                out.append("   ").append(item.text()).append('\n');
            }
        }
        return out.toString();
    }
}
