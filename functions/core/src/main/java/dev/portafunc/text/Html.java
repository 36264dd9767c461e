package dev.portafunc.text;

/** HTML escaping for text and attribute values: everything that came from a provider passes through here. */
public final class Html {

    private Html() {}

    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        escape(text, 0, text.length(), out);
        return out.toString();
    }

    public static void escape(String text, int from, int to, StringBuilder out) {
        // Runs of ordinary characters are copied at once: most of a title or snippet needs no escaping.
        int run = from;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c > '>') {
                continue; // letters and most punctuation: nothing to escape at or above '?'
            }
            String entity = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (entity != null) {
                out.append(text, run, i).append(entity);
                run = i + 1;
            }
        }
        out.append(text, run, to);
    }
}
