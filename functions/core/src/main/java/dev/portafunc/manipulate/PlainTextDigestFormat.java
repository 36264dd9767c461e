package dev.portafunc.manipulate;

/**
 * A digest as plain text, for terminals and {@code faas-cli invoke}: whatever digest it is given, no control character
 * (an escape sequence, a carriage return), bidi override or line break from its text reaches the terminal, and links
 * are only ever absolute http(s).
 */
public final class PlainTextDigestFormat implements DigestFormat {

    @Override
    public String mediaType() {
        return "text/plain";
    }

    @Override
    public String render(Digest digest) {
        int size = Formats.size(digest);
        StringBuilder out = new StringBuilder(2048);
        out.append("Results for \"");
        append(digest.query(), out);
        out.append("\": ").append(size).append(size == 1 ? " result" : " results");
        if (digest.provider() != null) {
            out.append(" from ");
            append(digest.provider(), out);
        }
        if (digest.searchTimeMs() != null) {
            out.append(" in ").append(digest.searchTimeMs()).append(" ms");
        }
        out.append('\n');
        int n = 1;
        if (size > 0) {
            for (DigestItem item : digest.items()) {
                if (item == null) {
                    continue;
                }
                out.append('\n').append(n++).append(". ");
                append(item.title(), out);
                out.append('\n');
                String link = Links.safeText(item.url());
                if (link != null) {
                    out.append("   ");
                    append(link, out);
                    out.append('\n');
                }
                if (item.text() != null && !item.text().isEmpty()) {
                    out.append("   ");
                    append(item.text(), out);
                    out.append('\n');
                }
            }
        }
        return out.toString();
    }

    /** The text on one line: line breaks and tabs as spaces, control and format characters left out. */
    private static void append(String text, StringBuilder out) {
        if (text == null) {
            return;
        }
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= ' ' && c < 0x7f) {
                continue; // printable ASCII, nearly all of any text
            }
            if (c < ' ' || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
                out.append(text, run, i);
                if (c == '\n' || c == '\r' || c == '\t' || c >= 0x2028) {
                    out.append(' ');
                }
                run = i + 1;
            } else if (mayBeFormat(c) && Character.getType(c) == Character.FORMAT) {
                out.append(text, run, i); // bidi overrides, zero-width characters: a way to make text lie
                run = i + 1;
            }
        }
        out.append(text, run, text.length());
    }

    /**
     * Whether a char above the C1 controls lies in a block that holds format characters (the soft hyphen, Arabic and
     * Syriac marks, the Mongolian vowel separator, the zero-width and bidi controls of General Punctuation, the byte
     * order mark and interlinear annotations): letters elsewhere are not looked up one by one.
     */
    private static boolean mayBeFormat(char c) {
        return c == '\u00AD'
                || (c >= '\u0600' && c <= '\u08FF')
                || c == '\u180E'
                || (c >= '\u2000' && c <= '\u206F')
                || c >= '\uFE00';
    }
}
