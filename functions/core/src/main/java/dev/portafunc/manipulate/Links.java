package dev.portafunc.manipulate;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.StringJoiner;

/** Which links may reach a reader (absolute http and https only), and when two links lead to the same page. */
final class Links {

    private Links() {}

    /** The link if it is an absolute http(s) URL with a host, its scheme in lower case; else null. */
    static URI safe(String link) {
        if (link == null || link.isBlank() || link.length() > 2048) {
            return null;
        }
        try {
            URI uri = new URI(link.strip());
            String scheme = uri.getScheme();
            if (scheme == null
                    || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || uri.getHost() == null
                    || uri.getRawUserInfo() != null) {
                return null;
            }
            String lower = scheme.toLowerCase(Locale.ROOT);
            return lower.equals(scheme) ? uri : new URI(lower + uri.toString().substring(scheme.length()));
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /**
     * A key equal for links to the same page: scheme and host case ignored, default ports, trailing
     * slashes, fragments and tracking parameters ({@code utm_*}, {@code gclid}, ...) dropped.
     */
    static String sameness(URI uri) {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || port == 80 || port == 443;
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        StringBuilder key = new StringBuilder(host);
        if (!defaultPort) {
            key.append(':').append(port);
        }
        key.append(path);
        String query = uri.getRawQuery();
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
