package dev.portafunc.platform.http;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Cross-origin access to {@code /v2}, for the search page hosted apart from the functions (Jamstack).
 *
 * @param allowedOrigins the origins whose pages may call {@code /v2}, each as {@code scheme://host[:port]}, such as
 *     {@code https://search.example.org}; empty (the default) allows none
 */
@ConfigurationProperties("portafunc.web.cors")
public record CorsProperties(@DefaultValue List<String> allowedOrigins) {

    private static final Set<String> SCHEMES = Set.of("http", "https");

    public CorsProperties {
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        allowedOrigins.forEach(CorsProperties::requireOrigin);
    }

    /** Fails binding on anything but one exact origin: no wildcard, path or trailing slash that would never match. */
    private static void requireOrigin(String origin) {
        URI uri = null;
        try {
            uri = URI.create(origin);
        } catch (IllegalArgumentException notAUri) {
            // reported below
        }
        boolean exact = uri != null
                && uri.getScheme() != null
                && SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT))
                && uri.getHost() != null
                && uri.getRawUserInfo() == null
                && uri.getRawPath().isEmpty()
                && uri.getRawQuery() == null
                && uri.getRawFragment() == null;
        if (!exact) {
            throw new IllegalArgumentException("portafunc.web.cors.allowed-origins: '" + origin
                    + "' is not an origin; write scheme://host[:port], such as https://search.example.org");
        }
    }
}
