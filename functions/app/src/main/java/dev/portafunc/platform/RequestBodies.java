package dev.portafunc.platform;

import dev.portafunc.platform.problem.ProblemType;
import java.util.Locale;

/** What every edge accepts as a request body: JSON or a plain-text query, one JSON object at a time. */
public final class RequestBodies {

    private RequestBodies() {}

    /** JSON ({@code application/json}, {@code application/*+json}) or plain text: what the functions read. */
    public static boolean isAccepted(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.equals("application/json")
                || (type.startsWith("application/") && type.endsWith("+json"))
                || type.equals("text/plain");
    }

    /** The 415 detail, naming what was sent. */
    public static String unsupported(String sent) {
        return ProblemType.UNSUPPORTED_MEDIA_TYPE.detail() + ", not " + (sent == null ? "no Content-Type" : sent);
    }

    /** The first byte that is not whitespace, or -1 for a blank body. */
    public static int firstNonBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return b;
            }
        }
        return -1;
    }
}
