package dev.portafunc.platform.edge;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The headers every answer carries, on every transport that has headers: browsers must not guess a type other than the
 * one sent, must not tell the next site where the reader came from, and may run nothing in an HTML answer but what its
 * policy allows, nor frame it.
 */
public final class SecurityHeaders {

    /** The search page: its own scripts, styles and calls only. */
    public static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    /** Every other HTML answer (a digest, the /v1 page): markup only, no script at all. */
    public static final String HTML_POLICY = "default-src 'none'; style-src 'self'; img-src 'self' data:; "
            + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private SecurityHeaders() {}

    /** The headers for an answer of this content type (null for none). */
    public static Map<String, String> of(String contentType) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        if (contentType != null && contentType.regionMatches(true, 0, "text/html", 0, 9)) {
            headers.put("Content-Security-Policy", HTML_POLICY);
        }
        return headers;
    }
}
