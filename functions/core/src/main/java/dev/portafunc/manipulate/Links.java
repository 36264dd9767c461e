package dev.portafunc.manipulate;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.StringJoiner;

/** Which links may reach a reader (absolute http and https only), and when two links lead to the same page. */
final class Links {

    private Links() {}

    /** A link fit for a reader, as the reader gets it, with the parts that tell which page it is. */
    record Link(String text, String host, int port, String rawPath, String rawQuery) {}

    /** The link if it is an absolute http(s) URL with a host, its scheme in lower case; else null. */
    static Link safe(String link) {
        if (link == null || link.isBlank() || link.length() > MAX_LENGTH) {
            return null;
        }
        String text = link.strip();
        Link plain = plain(text);
        return plain != null ? plain : parsed(text);
    }

    /**
     * The link as a reader may be given it, as {@link #safe} answers, or null: for the formats, which need its text
     * only, so the common link is checked in one pass and nothing is made of its parts.
     */
    static String safeText(String link) {
        if (link == null || link.isBlank() || link.length() > MAX_LENGTH) {
            return null;
        }
        String text = link.strip();
        if (scan(text) >= 0) {
            return text;
        }
        Link parsed = parsed(text);
        return parsed == null ? null : parsed.text();
    }

    private static final int MAX_LENGTH = 2048;

    /** What {@link URI} makes of a link: the answer for every link, and the only one outside {@link #plain}'s. */
    static Link parsed(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme();
            if (scheme == null
                    || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || uri.getHost() == null
                    || uri.getRawUserInfo() != null) {
                return null;
            }
            String lower = scheme.toLowerCase(Locale.ROOT);
            String safe = lower.equals(scheme)
                    ? uri.toString()
                    : lower + uri.toString().substring(scheme.length());
            return new Link(safe, uri.getHost(), uri.getPort(), uri.getRawPath(), uri.getRawQuery());
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /**
     * The common link, read in one pass instead of by {@link URI}'s parser (a fifth of the manipulation's time):
     * {@code http://} or {@code https://}, a host name of letters, digits, dots and hyphens whose last label starts
     * with a letter, no user info, no port, and a path, query and fragment of URI characters only (ASCII, escapes
     * well formed). Null for anything else, which {@link #parsed} then judges; {@code LinksTest} checks that both
     * agree on every link this accepts.
     */
    static Link plain(String text) {
        long scanned = scan(text);
        if (scanned < 0) {
            return null;
        }
        int hostStart = text.charAt(4) == 's' ? 8 : 7;
        int pathStart = (int) (scanned >>> 42);
        int queryStart = (int) (scanned >>> 21 & PART) - 1;
        int fragmentStart = (int) (scanned & PART) - 1;
        int n = text.length();
        int queryEnd = fragmentStart >= 0 ? fragmentStart : n;
        int pathEnd = queryStart >= 0 ? queryStart : queryEnd;
        String rawQuery = queryStart < 0 ? null : text.substring(queryStart + 1, queryEnd);
        return new Link(text, text.substring(hostStart, pathStart), -1, text.substring(pathStart, pathEnd), rawQuery);
    }

    /** 21 bits: a part's index plus one, for links of up to two million characters. */
    private static final long PART = (1 << 21) - 1;

    /**
     * {@link #plain}'s reading: -1 if the link is not of its kind, else where its path starts, its query's {@code ?}
     * plus one and its fragment's {@code #} plus one (0 for none), 21 bits each, in that order from the high bits.
     */
    private static long scan(String text) {
        int hostStart = text.startsWith("https://") ? 8 : text.startsWith("http://") ? 7 : -1;
        int n = text.length();
        if (hostStart < 0 || n > PART - 1) {
            return -1;
        }
        int i = hostStart;
        int label = i; // where the current label starts
        while (i < n) {
            char c = text.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                break;
            }
            if (c == '.') {
                if (i == label || text.charAt(i - 1) == '-') {
                    return -1; // an empty label, or one ending in '-'
                }
                label = i + 1;
            } else if (!(isAlphanumeric(c) || (c == '-' && i > label))) {
                return -1; // a port, user info, an IP literal or any other character
            }
            i++;
        }
        if (i == label || text.charAt(i - 1) == '-' || !isLetter(text.charAt(label))) {
            return -1; // no host, a trailing dot or hyphen, or a last label that an IPv4 address could be
        }
        int pathStart = i;
        int queryStart = -1;
        int fragmentStart = -1;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= n || !isHex(text.charAt(i + 1)) || !isHex(text.charAt(i + 2))) {
                    return -1;
                }
                i += 3;
                continue;
            }
            if (c == '#') {
                if (fragmentStart >= 0) {
                    return -1;
                }
                fragmentStart = i;
            } else if (c == '?' && queryStart < 0 && fragmentStart < 0) {
                queryStart = i;
            } else if (c >= 128 || !URI_CHAR[c]) {
                return -1;
            }
            i++;
        }
        return (long) pathStart << 42 | (long) (queryStart + 1) << 21 | (fragmentStart + 1);
    }

    /** The characters a path, query or fragment may hold besides escapes (RFC 2396's, which {@link URI} follows). */
    private static final boolean[] URI_CHAR = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            URI_CHAR[c] = isAlphanumeric(c) || "-_.!~*'();/?:@&=+$,".indexOf(c) >= 0;
        }
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isAlphanumeric(char c) {
        return isLetter(c) || (c >= '0' && c <= '9');
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /**
     * A key equal for links to the same page: scheme and host case ignored, default ports, trailing
     * slashes, fragments and tracking parameters ({@code utm_*}, {@code gclid}, ...) dropped.
     */
    static String sameness(Link link) {
        String host = link.host().toLowerCase(Locale.ROOT);
        int port = link.port();
        boolean defaultPort = port == -1 || port == 80 || port == 443;
        String path = link.rawPath() == null ? "" : link.rawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        StringBuilder key = new StringBuilder(host);
        if (!defaultPort) {
            key.append(':').append(port);
        }
        key.append(path);
        String query = link.rawQuery();
        if (query != null && !query.isEmpty()) {
            StringJoiner kept = new StringJoiner("&", "?", "").setEmptyValue("");
            for (String parameter : query.split("&")) {
                String name = parameter.split("=", 2)[0].toLowerCase(Locale.ROOT);
                if (!parameter.isEmpty() && !isTracking(name)) {
                    kept.add(parameter);
                }
            }
            key.append(kept);
        }
        return key.toString();
    }

    private static boolean isTracking(String name) {
        return name.startsWith("utm_")
                || switch (name) {
                    case "gclid",
                            "dclid",
                            "gbraid",
                            "wbraid",
                            "fbclid",
                            "msclkid",
                            "yclid",
                            "mc_cid",
                            "mc_eid",
                            "_ga",
                            "_gl",
                            "igshid",
                            "ref_src",
                            "spm" -> true;
                    default -> false;
                };
    }
}
